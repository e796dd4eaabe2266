package io.extremail.server.console;

import static io.extremail.server.console.ConsoleCommand.of;
import static io.extremail.server.console.Parameter.required;

import java.util.List;

import javax.inject.Inject;

/** PASSWORD: changes the console's admin password. */
public class PasswordCommands implements CommandGroup {
    private static final int MINIMUM_LENGTH = 10;

    private final ConsolePassword password;

    @Inject
    public PasswordCommands(ConsolePassword password) {
        this.password = password;
    }

    @Override
    public List<ConsoleCommand> commands() {
        return List.of(of("PASSWORD", "Changes the console password (stored as a salted slow hash in conf/console.password).",
            this::change, required("OLD", "the current password"), required("NEW", "the new password, at least " + MINIMUM_LENGTH + " characters")));
    }

    private Reply change(Parameters parameters) throws Exception {
        if (!password.matches(parameters.get("OLD"))) {
            throw new ConsoleException(401, "OLD: wrong password");
        }
        String newPassword = parameters.get("NEW");
        if (newPassword.length() < MINIMUM_LENGTH) {
            throw ConsoleException.badParameter("NEW: shorter than " + MINIMUM_LENGTH + " characters");
        }
        password.change(newPassword);
        return Reply.ok("console password changed");
    }
}
