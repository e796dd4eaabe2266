package io.extremail.server.webadmin;

import java.util.List;

import org.apache.james.core.Username;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;
import org.apache.james.webadmin.utils.ErrorResponder;
import org.apache.james.webadmin.utils.ErrorResponder.ErrorType;
import org.eclipse.jetty.http.HttpStatus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import spark.HaltException;
import spark.Request;

/**
 * What every route of ours does with a request the same way: JSON bodies, existing users, and James's error
 * answers (status, type, a message naming the field).
 */
public final class WebAdminRequests {
    private static final ObjectMapper JSON = new ObjectMapper();

    private WebAdminRequests() {
    }

    /**
     * The body as a JSON object with no field but {@code fields} (a misspelt field is refused rather than silently
     * ignored); {@code expected} shows the operator the shape, e.g. {@code {"value": "..."}}.
     */
    public static JsonNode jsonObject(Request request, String expected, String... fields) {
        JsonNode body = jsonObject(request, expected);
        List<String> known = List.of(fields);
        body.fieldNames().forEachRemaining(field -> {
            if (!known.contains(field)) {
                throw badRequest(field + ": unknown field (known: " + String.join(", ", known) + ")");
            }
        });
        return body;
    }

    private static JsonNode jsonObject(Request request, String expected) {
        JsonNode body;
        try {
            body = JSON.readTree(request.body());
        } catch (Exception e) {
            throw badRequest("body: not JSON; expected " + expected);
        }
        if (body == null || !body.isObject()) {
            throw badRequest("body: expected a JSON object " + expected);
        }
        return body;
    }

    /** The user named by the path parameter {@code field}: 400 when it is no user name, 404 when there is none. */
    public static Username existingUser(Request request, String field, UsersRepository users) throws UsersRepositoryException {
        return existingUser(field, request.params(field), users);
    }

    public static Username existingUser(String field, String value, UsersRepository users) throws UsersRepositoryException {
        return existing(field, username(field, value), users);
    }

    /** 404 naming {@code field} when the user does not exist. */
    public static Username existing(String field, Username user, UsersRepository users) throws UsersRepositoryException {
        if (!users.contains(user)) {
            throw notFound(field + ": no user '" + user.asString() + "'");
        }
        return user;
    }

    public static Username username(String field, String value) {
        try {
            return Username.of(value.strip());
        } catch (RuntimeException e) {
            throw badRequest(field + ": '" + value + "' is not a user name");
        }
    }

    /** One page of a listing: {@code ?offset=0&limit=100}. */
    public record Page(int offset, int limit) {
    }

    public static Page page(Request request, int defaultLimit, int maximumLimit) {
        return new Page(intParameter(request, "offset", 0, Integer.MAX_VALUE), intParameter(request, "limit", defaultLimit, maximumLimit));
    }

    public static int intParameter(Request request, String name, int defaultValue, int maximum) {
        String raw = request.queryParams(name);
        if (raw == null) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw);
            if (value >= 0 && value <= maximum) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw badRequest(name + ": '" + raw + "' must be a whole number from 0 to " + maximum);
    }

    public static HaltException badRequest(String message) {
        return error(HttpStatus.BAD_REQUEST_400, ErrorType.INVALID_ARGUMENT, message);
    }

    public static HaltException notFound(String message) {
        return error(HttpStatus.NOT_FOUND_404, ErrorType.NOT_FOUND, message);
    }

    public static HaltException conflict(String message) {
        return error(HttpStatus.CONFLICT_409, ErrorType.WRONG_STATE, message);
    }

    private static HaltException error(int status, ErrorType type, String message) {
        return ErrorResponder.builder().statusCode(status).type(type).message(message).haltError();
    }
}
