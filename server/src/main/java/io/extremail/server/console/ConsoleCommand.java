package io.extremail.server.console;

import java.util.ArrayList;
import java.util.List;

/** One verb of the console ({@code USER ADD}, {@code DENY SHOW}, ...): what it does, its parameters, its action. */
public record ConsoleCommand(String verb, String description, List<Parameter> parameters, Action action) {

    @FunctionalInterface
    public interface Action {
        Reply run(Parameters parameters) throws Exception;
    }

    public static ConsoleCommand of(String verb, String description, Action action, Parameter... parameters) {
        return new ConsoleCommand(verb, description, List.of(parameters), action);
    }

    public Reply run(CommandLine line) throws Exception {
        return action.run(new Parameters(this, line.parameters()));
    }

    public String usage() {
        StringBuilder usage = new StringBuilder(verb);
        for (Parameter parameter : parameters) {
            usage.append(' ').append(parameter.required() ? "" : "[").append(parameter.name()).append("=..")
                .append(parameter.required() ? "" : "]");
        }
        return usage.toString();
    }

    public List<String> help() {
        List<String> lines = new ArrayList<>();
        lines.add(usage());
        lines.add("  " + description);
        for (Parameter parameter : parameters) {
            lines.add("  " + parameter.name() + (parameter.required() ? " (required): " : " (optional): ") + parameter.description());
        }
        return lines;
    }
}
