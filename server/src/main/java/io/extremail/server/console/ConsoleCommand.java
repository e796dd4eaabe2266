package io.extremail.server.console;

import java.util.ArrayList;
import java.util.List;

/** One verb of the console ({@code USER ADD}, {@code DENY SHOW}, ...): what it does, its parameters, its action. */
public record ConsoleCommand(String verb, String description, List<Parameter> parameters, List<String> keywords, Action action) {

    @FunctionalInterface
    public interface Action {
        Reply run(Parameters parameters) throws Exception;
    }

    public static ConsoleCommand of(String verb, String description, Action action, Parameter... parameters) {
        return new ConsoleCommand(verb, description, List.of(parameters), List.of(), action);
    }

    /** The same command taking one of these words after the verb, as in {@code DENY DEL ALL}. */
    public ConsoleCommand withKeywords(String... words) {
        return new ConsoleCommand(verb, description, parameters, List.of(words), action);
    }

    /** Runs it with the words that followed the verb (at most one keyword) and the parameters. */
    public Reply run(List<String> extraWords, CommandLine line) throws Exception {
        if (extraWords.size() > 1 || (extraWords.size() == 1 && !keywords.contains(extraWords.get(0)))) {
            throw ConsoleException.badParameter("'" + String.join(" ", extraWords) + "': unexpected after " + verb
                + (keywords.isEmpty() ? "" : " (one of " + String.join(", ", keywords) + ")"));
        }
        return action.run(new Parameters(this, extraWords.stream().findFirst(), line.parameters()));
    }

    public String usage() {
        StringBuilder usage = new StringBuilder(verb);
        if (!keywords.isEmpty()) {
            usage.append(" [").append(String.join("|", keywords)).append(']');
        }
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
