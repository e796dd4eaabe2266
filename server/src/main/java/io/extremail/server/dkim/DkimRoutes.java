package io.extremail.server.dkim;

import static io.extremail.server.webadmin.WebAdminRequests.badRequest;

import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.domainlist.api.DomainListException;
import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.JsonTransformer;
import org.eclipse.jetty.http.HttpStatus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.extremail.server.webadmin.WebAdminRequests;
import spark.HaltException;
import spark.Request;
import spark.Response;
import spark.Service;

/**
 * WebAdmin routes of the DKIM signing keys (see {@code DkimSign} in mailetcontainer.xml). Responses show the DNS
 * record to publish ({@code dnsName}, {@code dnsRecord}, {@code zoneFileLine}), never the private key.
 * <pre>
 * POST   /dkim/{domain}/keys   {"selector": "s2026", "bits": 2048, "activate": true}       201, the key
 *                              {"selector": "old", "privateKey": "-----BEGIN PRIVATE KEY-----..."}  (an existing key)
 * GET    /dkim/{domain}/keys                                  the domain's keys, "active" on the signing one
 * GET    /dkim/{domain}/keys/{selector}                       one key
 * POST   /dkim/{domain}/keys/{selector}?action=activate       rotation: this key signs from now on
 * DELETE /dkim/{domain}/keys/{selector}                       204; deleting the active key stops signing
 * </pre>
 * All fields of the POST body are optional: selector [x&lt;UTC date and time&gt;], algorithm [rsa, the only one],
 * bits [2048, 1024 to 4096], privateKey (PEM PKCS#8), activate [true].
 */
public class DkimRoutes implements Routes {
    public static final String BASE_PATH = "/dkim";

    private final DkimAdministration administration;
    private final JsonTransformer json;

    @Inject
    public DkimRoutes(DkimAdministration administration, JsonTransformer json) {
        this.administration = administration;
        this.json = json;
    }

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service service) {
        service.post(BASE_PATH + "/:domain/keys", this::create, json);
        service.get(BASE_PATH + "/:domain/keys", (request, response) -> call(() -> administration.list(request.params("domain"))), json);
        service.get(BASE_PATH + "/:domain/keys/:selector", (request, response) ->
            call(() -> administration.show(request.params("domain"), request.params("selector"))), json);
        service.post(BASE_PATH + "/:domain/keys/:selector", this::act, json);
        service.delete(BASE_PATH + "/:domain/keys/:selector", (request, response) -> {
            call(() -> {
                administration.remove(request.params("domain"), request.params("selector"));
                return null;
            });
            response.status(HttpStatus.NO_CONTENT_204);
            return "";
        });
    }

    private Object create(Request request, Response response) {
        // No body at all is fine: every field has a default.
        JsonNode body = request.body() == null || request.body().isBlank()
            ? JsonNodeFactory.instance.objectNode()
            : WebAdminRequests.jsonObject(request, "{\"selector\": \"s1\", \"bits\": 2048}", "selector", "algorithm", "bits", "privateKey", "activate");
        Optional<String> selector = text(body, "selector");
        Optional<String> algorithm = text(body, "algorithm");
        Optional<String> privateKey = text(body, "privateKey");
        Optional<Integer> bits = Optional.ofNullable(body.get("bits")).filter(node -> !node.isNull()).map(node -> {
            if (!node.isInt()) {
                throw badRequest("bits: must be a whole number (1024 to 4096)");
            }
            return node.asInt();
        });
        JsonNode activate = body.get("activate");
        if (activate != null && !activate.isBoolean() && !activate.isNull()) {
            throw badRequest("activate: must be true or false");
        }
        Object created = call(() -> administration.create(request.params("domain"), selector, algorithm, bits, privateKey,
            activate == null || activate.isNull() || activate.asBoolean()));
        response.status(HttpStatus.CREATED_201);
        return created;
    }

    private Object act(Request request, Response response) {
        String action = request.queryParams("action");
        if (!"activate".equals(action)) {
            throw badRequest("action: '" + action + "' is not a known action (activate)");
        }
        return call(() -> administration.activate(request.params("domain"), request.params("selector")));
    }

    private static Optional<String> text(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw badRequest(field + ": must be a string");
        }
        return Optional.of(node.asText());
    }

    private interface Call {
        Object run() throws DomainListException;
    }

    private static Object call(Call call) {
        try {
            return call.run();
        } catch (DkimAdministration.Refused refused) {
            throw halt(refused);
        } catch (DomainListException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HaltException halt(DkimAdministration.Refused refused) {
        return switch (refused.status()) {
            case 404 -> WebAdminRequests.notFound(refused.getMessage());
            case 409 -> WebAdminRequests.conflict(refused.getMessage());
            default -> badRequest(refused.getMessage());
        };
    }
}
