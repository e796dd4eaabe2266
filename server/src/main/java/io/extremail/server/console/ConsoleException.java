package io.extremail.server.console;

/**
 * A command that cannot be done, with the reply code and a message naming the offending parameter. Codes follow
 * HTTP's meaning, as WebAdmin's do: 400 bad parameter, 401 not logged in, 404 unknown, 409 conflict, 429 throttled,
 * 500 server error.
 */
public class ConsoleException extends RuntimeException {
    private final int code;

    public ConsoleException(int code, String message) {
        super(message);
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static ConsoleException badParameter(String message) {
        return new ConsoleException(400, message);
    }

    public static ConsoleException notFound(String message) {
        return new ConsoleException(404, message);
    }

    public static ConsoleException conflict(String message) {
        return new ConsoleException(409, message);
    }
}
