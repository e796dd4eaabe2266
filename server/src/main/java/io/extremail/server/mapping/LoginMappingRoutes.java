package io.extremail.server.mapping;

import static io.extremail.server.webadmin.WebAdminRequests.badRequest;
import static io.extremail.server.webadmin.WebAdminRequests.conflict;
import static io.extremail.server.webadmin.WebAdminRequests.notFound;

import java.util.List;
import java.util.Map;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;
import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.JsonTransformer;
import org.eclipse.jetty.http.HttpStatus;

import com.fasterxml.jackson.databind.JsonNode;

import io.extremail.mapping.LoginMappingStore;
import io.extremail.server.webadmin.WebAdminRequests;
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
        Username mailbox = WebAdminRequests.username("mailbox", mailboxFromBody(request));
        if (users.contains(login)) {
            throw conflict("login: '" + login.asString() + "' is a user of its own");
        }
        WebAdminRequests.existing("mailbox", mailbox, users);
        mappings.map(login, mailbox).block();
        response.status(HttpStatus.NO_CONTENT_204);
        return "";
    }

    private Map<String, String> get(Request request, Response response) {
        Username login = login(request);
        Username mailbox = mappings.mailboxOf(login).blockOptional()
            .orElseThrow(() -> notFound("login: '" + login.asString() + "' is not mapped"));
        return Map.of("login", login.asString(), "mailbox", mailbox.asString());
    }

    private String unmap(Request request, Response response) {
        Username login = login(request);
        if (!mappings.unmap(login).block()) {
            throw notFound("login: '" + login.asString() + "' is not mapped");
        }
        response.status(HttpStatus.NO_CONTENT_204);
        return "";
    }

    private List<String> list(Request request, Response response) throws UsersRepositoryException {
        String mailboxParameter = request.queryParams("mailbox");
        if (mailboxParameter == null) {
            throw badRequest("mailbox: the query parameter is missing (GET /logins?mailbox=...)");
        }
        Username mailbox = WebAdminRequests.existingUser("mailbox", mailboxParameter, users);
        return mappings.loginsOf(mailbox).map(Username::asString).collectList().block();
    }

    private Username login(Request request) {
        return WebAdminRequests.username("login", request.params("login"));
    }

    private String mailboxFromBody(Request request) {
        JsonNode mailbox = WebAdminRequests.jsonObject(request, "{\"mailbox\": \"user@domain\"}", "mailbox").get("mailbox");
        if (mailbox == null || !mailbox.isTextual()) {
            throw badRequest("mailbox: is missing (expected {\"mailbox\": \"user@domain\"})");
        }
        return mailbox.asText();
    }
}
