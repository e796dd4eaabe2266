package io.extremail.server.limits;

import static io.extremail.server.webadmin.WebAdminRequests.badRequest;
import static io.extremail.server.webadmin.WebAdminRequests.notFound;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.core.Domain;
import org.apache.james.core.Username;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.api.DomainListException;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;
import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.JsonTransformer;
import org.eclipse.jetty.http.HttpStatus;

import com.fasterxml.jackson.databind.JsonNode;

import io.extremail.limits.MessageSizeLimits;
import io.extremail.limits.SizeLimits;
import io.extremail.server.webadmin.WebAdminRequests;
import spark.Request;
import spark.Response;
import spark.Service;

/**
 * WebAdmin routes of the per-user and per-domain message size limits, in bytes.
 * <pre>
 * PUT    /limits/users/{user}       {"maxIncomingSize": 1048576, "maxOutgoingSize": null}   204
 * GET    /limits/users/{user}       {"maxIncomingSize": ..., "maxOutgoingSize": ..., "effective": {...}}
 * DELETE /limits/users/{user}       204: the domain's limits apply again
 * PUT|GET|DELETE /limits/domains/{domain}   the same, for every user of the domain without limits of his own
 * </pre>
 * A missing or null field means no limit at this level. The server's maxmessagesize (smtpserver.xml) still applies.
 */
public class SizeLimitRoutes implements Routes {
    public static final String BASE_PATH = "/limits";
    private static final String MAX_INCOMING = "maxIncomingSize";
    private static final String MAX_OUTGOING = "maxOutgoingSize";

    private final MessageSizeLimits limits;
    private final UsersRepository users;
    private final DomainList domains;
    private final JsonTransformer json;

    @Inject
    public SizeLimitRoutes(MessageSizeLimits limits, UsersRepository users, DomainList domains, JsonTransformer json) {
        this.limits = limits;
        this.users = users;
        this.domains = domains;
        this.json = json;
    }

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service service) {
        service.put(BASE_PATH + "/users/:user", (request, response) -> {
            limits.setUser(user(request), fromBody(request)).block();
            return noContent(response);
        });
        service.get(BASE_PATH + "/users/:user", (request, response) -> {
            Username user = user(request);
            Map<String, Object> body = toJson(limits.ownLimitsOf(user).block());
            body.put("effective", toJson(limits.of(user)));
            return body;
        }, json);
        service.delete(BASE_PATH + "/users/:user", (request, response) -> {
            limits.setUser(user(request), SizeLimits.NONE).block();
            return noContent(response);
        });
        service.put(BASE_PATH + "/domains/:domain", (request, response) -> {
            limits.setDomain(domain(request), fromBody(request)).block();
            return noContent(response);
        });
        service.get(BASE_PATH + "/domains/:domain", (request, response) -> toJson(limits.ownLimitsOf(domain(request)).block()), json);
        service.delete(BASE_PATH + "/domains/:domain", (request, response) -> {
            limits.setDomain(domain(request), SizeLimits.NONE).block();
            return noContent(response);
        });
    }

    private Username user(Request request) throws UsersRepositoryException {
        return WebAdminRequests.existingUser(request, "user", users);
    }

    private Domain domain(Request request) throws DomainListException {
        Domain domain;
        try {
            domain = Domain.of(request.params("domain"));
        } catch (RuntimeException e) {
            throw badRequest("domain: '" + request.params("domain") + "' is not a domain");
        }
        if (!domains.containsDomain(domain)) {
            throw notFound("domain: no domain '" + domain.asString() + "'");
        }
        return domain;
    }

    private SizeLimits fromBody(Request request) {
        JsonNode body = WebAdminRequests.jsonObject(request, "{\"" + MAX_INCOMING + "\": bytes, \"" + MAX_OUTGOING + "\": bytes}",
            MAX_INCOMING, MAX_OUTGOING);
        return new SizeLimits(bytes(body, MAX_INCOMING), bytes(body, MAX_OUTGOING));
    }

    private static Optional<Long> bytes(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.canConvertToLong() || !value.isIntegralNumber() || value.asLong() < 1) {
            throw badRequest(field + ": must be a whole number of bytes, at least 1, or null; got " + value);
        }
        return Optional.of(value.asLong());
    }

    private static Map<String, Object> toJson(SizeLimits limits) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(MAX_INCOMING, limits.maxIncoming().orElse(null));
        body.put(MAX_OUTGOING, limits.maxOutgoing().orElse(null));
        return body;
    }

    private static String noContent(Response response) {
        response.status(HttpStatus.NO_CONTENT_204);
        return "";
    }
}
