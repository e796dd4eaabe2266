package io.extremail.server.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.apache.james.rrt.api.LoopDetectedException;
import org.apache.james.rrt.api.MappingAlreadyExistsException;
import org.apache.james.rrt.api.MappingConflictException;
import org.apache.james.rrt.api.SameSourceAndDestinationException;
import org.apache.james.rrt.api.SourceDomainIsNotInDomainListException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every verb of the console, found by its keywords; {@code HELP} and {@code <VERB> HELP} describe them. Turns what a
 * command throws into its reply: a {@link ConsoleException} into its code, a rewrite-table conflict into 409, anything
 * else into 500.
 */
public class Commands {
    private static final Logger LOGGER = LoggerFactory.getLogger(Commands.class);

    private final Map<String, ConsoleCommand> byVerb = new LinkedHashMap<>();

    @Inject
    public Commands(Set<CommandGroup> groups) {
        add(ConsoleCommand.of("LOGIN", "Opens the session: LOGIN <password>.", parameters -> Reply.error(409, "already logged in")));
        add(ConsoleCommand.of("QUIT", "Ends the session.", parameters -> Reply.ok("bye")));
        groups.stream()
            .flatMap(group -> group.commands().stream())
            .sorted((a, b) -> a.verb().compareTo(b.verb()))
            .forEach(this::add);
    }

    private void add(ConsoleCommand command) {
        byVerb.put(command.verb(), command);
    }

    public Reply run(CommandLine line) {
        List<String> words = line.words();
        if (words.isEmpty()) {
            return Reply.error(400, "no command; HELP lists them");
        }
        if (words.equals(List.of("HELP"))) {
            return Reply.ok(byVerb.size() + " commands; '<VERB> HELP' describes one", byVerb.values().stream().map(ConsoleCommand::usage).toList());
        }
        if (words.get(words.size() - 1).equals("HELP")) {
            return help(String.join(" ", words.subList(0, words.size() - 1)));
        }
        String verb = String.join(" ", words);
        // The longest known verb the words start with; what follows it is a keyword (DENY DEL ALL).
        int verbLength = words.size();
        while (verbLength > 0 && !byVerb.containsKey(String.join(" ", words.subList(0, verbLength)))) {
            verbLength--;
        }
        if (verbLength == 0) {
            return unknown(verb);
        }
        ConsoleCommand command = byVerb.get(String.join(" ", words.subList(0, verbLength)));
        try {
            return command.run(words.subList(verbLength, words.size()), line);
        } catch (ConsoleException e) {
            return Reply.error(e.code(), e.getMessage());
        } catch (LoopDetectedException | MappingAlreadyExistsException | MappingConflictException
                 | SameSourceAndDestinationException | SourceDomainIsNotInDomainListException e) {
            return Reply.error(409, e.getMessage());
        } catch (Exception e) {
            LOGGER.error("Console command {} failed", verb, e);
            return Reply.error(500, verb + " failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private Reply help(String verb) {
        List<String> lines = new ArrayList<>();
        byVerb.values().stream()
            .filter(command -> command.verb().equals(verb) || command.verb().startsWith(verb + " "))
            .forEach(command -> lines.addAll(command.help()));
        return lines.isEmpty() ? unknown(verb) : Reply.ok("help of " + verb, lines);
    }

    private Reply unknown(String verb) {
        String first = verb.split(" ")[0];
        String siblings = byVerb.keySet().stream().filter(known -> known.startsWith(first + " ")).collect(Collectors.joining(", "));
        return Reply.error(400, siblings.isEmpty()
            ? first + ": unknown command; HELP lists them"
            : verb + ": unknown; " + first + " has " + siblings);
    }
}
