package io.extremail.server.console;

import static io.extremail.server.console.ConsoleCommand.of;
import static io.extremail.server.console.Parameter.optional;
import static io.extremail.server.console.Parameter.required;

import java.util.ArrayList;
import java.util.List;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.rrt.api.RecipientRewriteTable;
import org.apache.james.rrt.lib.Mapping;
import org.apache.james.rrt.lib.MappingSource;
import org.apache.james.user.api.UsersRepository;

/**
 * FORWARD SET | DEL | SHOW: forwards as WebAdmin's /address/forwards; {@code KEEP=YES} is the forward to the user's
 * own address that keeps a local copy.
 */
public class ForwardCommands implements CommandGroup {
    private static final Parameter NAME = required("NAME", "user name, the part before @");
    private static final Parameter DOMAIN = required("DOMAIN", "the user's domain");

    private final RecipientRewriteTable rrt;
    private final UsersRepository users;

    @Inject
    public ForwardCommands(RecipientRewriteTable rrt, UsersRepository users) {
        this.rrt = rrt;
        this.users = users;
    }

    @Override
    public List<ConsoleCommand> commands() {
        return List.of(
            of("FORWARD SET", "Forwards a user's mail, replacing the forwards set before.", this::set, NAME, DOMAIN,
                required("TO", "addresses, separated by commas"),
                optional("KEEP", "YES keeps a copy in the user's mailbox [NO]")),
            of("FORWARD DEL", "Stops forwarding a user's mail.", this::delete, NAME, DOMAIN),
            of("FORWARD SHOW", "Shows where a user's mail is forwarded.", this::show, NAME, DOMAIN));
    }

    private Reply set(Parameters parameters) throws Exception {
        Username user = Checks.existingUser(users, parameters.user());
        MailAddress self = parameters.address();
        List<MailAddress> targets = new ArrayList<>(parameters.addresses("TO"));
        boolean keep = parameters.yesNo("KEEP", false);
        targets.remove(self);
        if (keep) {
            targets.add(self);
        }
        removeAll(user);
        for (MailAddress target : targets) {
            try {
                rrt.addForwardMapping(MappingSource.fromUser(user), target.asString());
            } catch (org.apache.james.rrt.api.LoopDetectedException e) {
                throw ConsoleException.conflict("TO: forwarding to " + target.asString() + " would make a loop");
            }
        }
        return Reply.ok("mail of " + user.asString() + " forwarded to " + targets.size() + " address(es)" + (keep ? ", copy kept" : ""));
    }

    private Reply delete(Parameters parameters) throws Exception {
        Username user = Checks.existingUser(users, parameters.user());
        if (forwards(user).isEmpty()) {
            throw ConsoleException.notFound("NAME: " + user.asString() + " has no forward");
        }
        removeAll(user);
        return Reply.ok("forwards of " + user.asString() + " deleted");
    }

    private Reply show(Parameters parameters) throws Exception {
        Username user = Checks.existingUser(users, parameters.user());
        List<String> targets = forwards(user);
        return Reply.ok(targets.size() + " forward(s) of " + user.asString(), targets);
    }

    private void removeAll(Username user) throws Exception {
        for (String target : forwards(user)) {
            rrt.removeForwardMapping(MappingSource.fromUser(user), target);
        }
    }

    private List<String> forwards(Username user) throws Exception {
        return rrt.getStoredMappings(MappingSource.fromUser(user)).asStream()
            .filter(mapping -> mapping.getType() == Mapping.Type.Forward)
            .map(Mapping::getMappingValue)
            .sorted().toList();
    }
}
