package io.extremail.server.copy;

import java.util.Map;

import javax.inject.Inject;
import javax.mail.internet.AddressException;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;
import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.ErrorResponder;
import org.apache.james.webadmin.utils.ErrorResponder.ErrorType;
import org.apache.james.webadmin.utils.JsonTransformer;
import org.eclipse.jetty.http.HttpStatus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.extremail.copy.MailCopy;
import io.extremail.copy.MailCopyStore;
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
    private final ObjectMapper mapper = new ObjectMapper();

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
        MailCopy copy = copies.of(user).blockOptional().orElseThrow(() -> notFound(user));
        return Map.of("target", copy.target().asString(), "includeSent", copy.includeSent());
    }

    private String remove(Request request, Response response) throws UsersRepositoryException {
        Username user = user(request);
        if (!copies.remove(user).block()) {
            throw notFound(user);
        }
        response.status(HttpStatus.NO_CONTENT_204);
        return "";
    }

    private Username user(Request request) throws UsersRepositoryException {
        Username user;
        try {
            user = Username.of(request.params("user"));
        } catch (RuntimeException e) {
            throw badRequest("user: '" + request.params("user") + "' is not a user name");
        }
        if (!users.contains(user)) {
            throw ErrorResponder.builder().statusCode(HttpStatus.NOT_FOUND_404).type(ErrorType.NOT_FOUND)
                .message("user: no user '" + user.asString() + "'").haltError();
        }
        return user;
    }

    private MailCopy fromBody(Request request) {
        JsonNode body;
        try {
            body = mapper.readTree(request.body());
        } catch (Exception e) {
            throw badRequest("body: not JSON; expected {\"target\": \"address\", \"includeSent\": false}");
        }
        if (body == null || !body.isObject()) {
            throw badRequest("body: expected a JSON object");
        }
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

    private static HaltException notFound(Username user) {
        return ErrorResponder.builder().statusCode(HttpStatus.NOT_FOUND_404).type(ErrorType.NOT_FOUND)
            .message("user: '" + user.asString() + "' has no copy address").haltError();
    }

    private static HaltException badRequest(String message) {
        return ErrorResponder.builder().statusCode(HttpStatus.BAD_REQUEST_400).type(ErrorType.INVALID_ARGUMENT)
            .message(message).haltError();
    }
}
