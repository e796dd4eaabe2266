package io.extremail.server.console;

/**
 * A {@code KEY=value} parameter of a console command, as HELP describes it. A value is at most {@code maxLength}
 * characters ({@value #DEFAULT_MAX_LENGTH} unless said otherwise: longer than any address, domain or password an
 * operator types) so that a runaway script gets a clear refusal instead of storing a megabyte in a name.
 */
public record Parameter(String name, boolean required, String description, int maxLength) {
    public static final int DEFAULT_MAX_LENGTH = 1024;

    public static Parameter required(String name, String description) {
        return new Parameter(name, true, description, DEFAULT_MAX_LENGTH);
    }

    public static Parameter optional(String name, String description) {
        return new Parameter(name, false, description, DEFAULT_MAX_LENGTH);
    }

    /** The same parameter bounded only by the console's line length ({@code maxLineLength}), for free text. */
    public Parameter boundedByLine() {
        return new Parameter(name, required, description, Integer.MAX_VALUE);
    }
}
