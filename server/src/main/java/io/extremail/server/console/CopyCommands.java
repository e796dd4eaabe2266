package io.extremail.server.console;

import static io.extremail.server.console.ConsoleCommand.of;
import static io.extremail.server.console.Parameter.optional;
import static io.extremail.server.console.Parameter.required;

import java.util.List;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.user.api.UsersRepository;

import io.extremail.copy.MailCopy;
import io.extremail.copy.MailCopyStore;

/** COPY SET | DEL | SHOW: the copy of all received (and sent) mail, as WebAdmin's /copies. */
public class CopyCommands implements CommandGroup {
    private static final Parameter NAME = required("NAME", "user name, the part before @");
    private static final Parameter DOMAIN = required("DOMAIN", "the user's domain");

    private final MailCopyStore copies;
    private final UsersRepository users;

    @Inject
    public CopyCommands(MailCopyStore copies, UsersRepository users) {
        this.copies = copies;
        this.users = users;
    }

    @Override
    public List<ConsoleCommand> commands() {
        return List.of(
            of("COPY SET", "Sends a copy of every message the user receives to another address.", this::set, NAME, DOMAIN,
                required("TO", "the copy address, local or remote"),
                optional("SENT", "YES copies the mail the user sends too [NO]")),
            of("COPY DEL", "Stops the copy.", this::delete, NAME, DOMAIN),
            of("COPY SHOW", "Shows the copy address.", this::show, NAME, DOMAIN));
    }

    private Reply set(Parameters parameters) throws Exception {
        Username user = Checks.existingUser(users, parameters.user());
        MailAddress target = parameters.address("TO");
        if (target.equals(parameters.address())) {
            throw ConsoleException.badParameter("TO: a copy to the user's own address would deliver every message twice");
        }
        copies.set(user, new MailCopy(target, parameters.yesNo("SENT", false))).block();
        return Reply.ok("mail of " + user.asString() + " copied to " + target.asString());
    }

    private Reply delete(Parameters parameters) throws Exception {
        Username user = Checks.existingUser(users, parameters.user());
        if (!copies.remove(user).block()) {
            throw ConsoleException.notFound("NAME: " + user.asString() + " has no copy address");
        }
        return Reply.ok("copy of " + user.asString() + " deleted");
    }

    private Reply show(Parameters parameters) throws Exception {
        Username user = Checks.existingUser(users, parameters.user());
        MailCopy copy = copies.of(user).blockOptional()
            .orElseThrow(() -> ConsoleException.notFound("NAME: " + user.asString() + " has no copy address"));
        return Reply.ok("copy of " + user.asString(), List.of("to: " + copy.target().asString(), "sent: " + (copy.includeSent() ? "YES" : "NO")));
    }
}
