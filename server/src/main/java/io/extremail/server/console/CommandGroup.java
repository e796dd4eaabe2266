package io.extremail.server.console;

import java.util.List;

/** The verbs of one kind of thing (users, deny lists, ...); bound into a Guice set, read by {@link Commands}. */
public interface CommandGroup {
    List<ConsoleCommand> commands();
}
