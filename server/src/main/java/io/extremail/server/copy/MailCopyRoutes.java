package io.extremail.server.copy;

import static io.extremail.server.webadmin.WebAdminRequests.badRequest;
import static io.extremail.server.webadmin.WebAdminRequests.notFound;

import java.util.Map;

import javax.inject.Inject;
import javax.mail.internet.AddressException;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;
import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.JsonTransformer;
import org.eclipse.jetty.http.HttpStatus;

import com.fasterxml.jackson.databind.JsonNode;

import io.extremail.copy.MailCopy;
import io.extremail.copy.MailCopyStore;
import io.extremail.server.webadmin.WebAdminRequests;
import spark.HaltException;
import spark.Request;
import spark.Response;
import spark.Service;

/**
 * WebAdmin routes of the copy of all received mail.
 * <pre>
 * PUT    /copies/{user}   {"target": "archive@example.com", "includeSent": false}   204
 * GET    /copies/{user}   {"target": "archive@example.com", "includeSent": false}, or 404 when none
 * DELETE /copies/{user}   204, or 404 when none
 * </pre>
 */
public class MailCopyRoutes implements Routes {
    public static final String BASE_PATH = "/copies";

    private final MailCopyStore copies;
    private final UsersRepository users;
    private final JsonTransformer json;

    @Inject
    public MailCopyRoutes(MailCopyStore copies, UsersRepository users, JsonTransformer json) {
        this.copies = copies;
        this.users = users;
        this.json = json;
    }

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service service) {
        service.put(BASE_PATH + "/:user", this::set);
        service.get(BASE_PATH + "/:user", this::get, json);
        service.delete(BASE_PATH + "/:user", this::remove);
    }

    private String set(Request request, Response response) throws UsersRepositoryException {
        Username user = user(request);
        MailCopy copy = fromBody(request);
        if (copy.target().asString().equalsIgnoreCase(user.asString())) {
            throw badRequest("target: a copy to the user's own address would deliver every message twice");
        }
        copies.set(user, copy).block();
        response.status(HttpStatus.NO_CONTENT_204);
        return "";
    }

    private Map<String, Object> get(Request request, Response response) throws UsersRepositoryException {
        Username user = user(request);
        MailCopy copy = copies.of(user).blockOptional().orElseThrow(() -> noCopy(user));
        return Map.of("target", copy.target().asString(), "includeSent", copy.includeSent());
    }

    private String remove(Request request, Response response) throws UsersRepositoryException {
        Username user = user(request);
        if (!copies.remove(user).block()) {
            throw noCopy(user);
        }
        response.status(HttpStatus.NO_CONTENT_204);
        return "";
    }

    private Username user(Request request) throws UsersRepositoryException {
        return WebAdminRequests.existingUser(request, "user", users);
    }

    private MailCopy fromBody(Request request) {
        JsonNode body = WebAdminRequests.jsonObject(request, "{\"target\": \"address\", \"includeSent\": false}", "target", "includeSent");
        JsonNode target = body.get("target");
        if (target == null || !target.isTextual()) {
            throw badRequest("target: is missing (a mail address)");
        }
        JsonNode includeSent = body.get("includeSent");
        if (includeSent != null && !includeSent.isBoolean() && !includeSent.isNull()) {
            throw badRequest("includeSent: must be true or false");
        }
        try {
            return new MailCopy(new MailAddress(target.asText()), includeSent != null && includeSent.asBoolean());
        } catch (AddressException e) {
            throw badRequest("target: '" + target.asText() + "' is not a mail address");
        }
    }

    private static HaltException noCopy(Username user) {
        return notFound("user: '" + user.asString() + "' has no copy address");
    }
}
