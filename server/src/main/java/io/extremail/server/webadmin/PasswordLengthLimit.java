package io.extremail.server.webadmin;

import java.util.Optional;

import org.apache.james.webadmin.Routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.extremail.server.console.Parameter;

import spark.Request;
import spark.Service;

/**
 * Puts the console's bound on a password ({@value Parameter#DEFAULT_MAX_LENGTH} characters) in front of James's
 * {@code PUT /users/{user}}, which would otherwise hash and store a password of any size.
 */
public class PasswordLengthLimit implements Routes {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String getBasePath() {
        return "/users";
    }

    @Override
    public void define(Service service) {
        service.before("/users/:user", (request, response) -> {
            if (request.requestMethod().equals("PUT")) {
                password(request).filter(password -> password.length() > Parameter.DEFAULT_MAX_LENGTH).ifPresent(password -> {
                    throw WebAdminRequests.badRequest("password: " + password.length() + " characters, at most "
                        + Parameter.DEFAULT_MAX_LENGTH);
                });
            }
        });
    }

    /** Empty when the body is no JSON object with a textual password: James's route answers that itself. */
    private static Optional<String> password(Request request) {
        try {
            JsonNode password = JSON.readTree(request.body()).get("password");
            return password != null && password.isTextual() ? Optional.of(password.asText()) : Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
