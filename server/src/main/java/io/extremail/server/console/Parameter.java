package io.extremail.server.console;

/** A {@code KEY=value} parameter of a console command, as HELP describes it. */
public record Parameter(String name, boolean required, String description) {
    public static Parameter required(String name, String description) {
        return new Parameter(name, true, description);
    }

    public static Parameter optional(String name, String description) {
        return new Parameter(name, false, description);
    }
}
