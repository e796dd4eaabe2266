package io.extremail.server.mapping;

import java.util.List;
import java.util.Map;

import javax.inject.Inject;

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

import io.extremail.mapping.LoginMappingStore;
import spark.HaltException;
import spark.Request;
import spark.Response;
import spark.Service;

/**
 * WebAdmin routes of account mapping.
 * <pre>
 * PUT    /logins/{login}   {"mailbox": "john@example.com"}   maps the login (204); moves it if mapped elsewhere
 * GET    /logins/{login}                                   {"login": "jdoe", "mailbox": "john@example.com"} or 404
 * DELETE /logins/{login}                                   204, or 404 when the login is not mapped
 * GET    /logins?mailbox=john@example.com                  ["jdoe", "john@old-domain.example"]
 * </pre>
 * A login may not be the name of an existing user (409): it would hide that user's own mailbox.
 */
public class LoginMappingRoutes implements Routes {
    public static final String BASE_PATH = "/logins";

    private final LoginMappingStore mappings;
    private final UsersRepository users;
    private final JsonTransformer json;
    private final ObjectMapper mapper = new ObjectMapper();

    @Inject
    public LoginMappingRoutes(LoginMappingStore mappings, UsersRepository users, JsonTransformer json) {
        this.mappings = mappings;
        this.users = users;
        this.json = json;
    }

    @Override
    public String getBasePath() {
        return BASE_PATH;
    }

    @Override
    public void define(Service service) {
        service.put(BASE_PATH + "/:login", this::map);
        service.get(BASE_PATH + "/:login", this::get, json);
        service.delete(BASE_PATH + "/:login", this::unmap);
        service.get(BASE_PATH, this::list, json);
    }

    private String map(Request request, Response response) throws UsersRepositoryException {
        Username login = login(request);
        Username mailbox = username("mailbox", mailboxFromBody(request));
        if (users.contains(login)) {
            throw error(HttpStatus.CONFLICT_409, ErrorType.WRONG_STATE, "login: '" + login.asString() + "' is a user of its own");
        }
        requireUser(mailbox);
        mappings.map(login, mailbox).block();
        response.status(HttpStatus.NO_CONTENT_204);
        return "";
    }

    private Map<String, String> get(Request request, Response response) {
        Username login = login(request);
        Username mailbox = mappings.mailboxOf(login).blockOptional()
            .orElseThrow(() -> error(HttpStatus.NOT_FOUND_404, ErrorType.NOT_FOUND, "login: '" + login.asString() + "' is not mapped"));
        return Map.of("login", login.asString(), "mailbox", mailbox.asString());
    }

    private String unmap(Request request, Response response) {
        Username login = login(request);
        if (!mappings.unmap(login).block()) {
            throw error(HttpStatus.NOT_FOUND_404, ErrorType.NOT_FOUND, "login: '" + login.asString() + "' is not mapped");
        }
        response.status(HttpStatus.NO_CONTENT_204);
        return "";
    }

    private List<String> list(Request request, Response response) throws UsersRepositoryException {
        String mailboxParameter = request.queryParams("mailbox");
        if (mailboxParameter == null) {
            throw error(HttpStatus.BAD_REQUEST_400, ErrorType.INVALID_ARGUMENT, "mailbox: the query parameter is missing (GET /logins?mailbox=...)");
        }
        Username mailbox = username("mailbox", mailboxParameter);
        requireUser(mailbox);
        return mappings.loginsOf(mailbox).map(Username::asString).collectList().block();
    }

    private void requireUser(Username mailbox) throws UsersRepositoryException {
        if (!users.contains(mailbox)) {
            throw error(HttpStatus.NOT_FOUND_404, ErrorType.NOT_FOUND, "mailbox: no user '" + mailbox.asString() + "'");
        }
    }

    private Username login(Request request) {
        return username("login", request.params("login"));
    }

    private String mailboxFromBody(Request request) {
        try {
            JsonNode body = mapper.readTree(request.body());
            JsonNode mailbox = body == null ? null : body.get("mailbox");
            if (mailbox == null || !mailbox.isTextual()) {
                throw error(HttpStatus.BAD_REQUEST_400, ErrorType.INVALID_ARGUMENT, "mailbox: is missing (expected {\"mailbox\": \"user@domain\"})");
            }
            return mailbox.asText();
        } catch (HaltException e) {
            throw e;
        } catch (Exception e) {
            throw error(HttpStatus.BAD_REQUEST_400, ErrorType.INVALID_ARGUMENT, "body: not JSON; expected {\"mailbox\": \"user@domain\"}");
        }
    }

    private static Username username(String field, String value) {
        try {
            return Username.of(value.strip());
        } catch (RuntimeException e) {
            throw error(HttpStatus.BAD_REQUEST_400, ErrorType.INVALID_ARGUMENT, field + ": '" + value + "' is not a valid login or address");
        }
    }

    private static HaltException error(int status, ErrorType type, String message) {
        return ErrorResponder.builder().statusCode(status).type(type).message(message).haltError();
    }
}
