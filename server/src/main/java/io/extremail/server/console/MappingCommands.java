package io.extremail.server.console;

import static io.extremail.server.console.ConsoleCommand.of;
import static io.extremail.server.console.Parameter.required;

import java.util.List;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.user.api.UsersRepository;

import io.extremail.mapping.LoginMappingStore;
import io.extremail.server.webadmin.WebAdminRequests;

/** MAP ADD | DEL | LIST: account mapping, extra login names of a mailbox, as WebAdmin's /logins. */
public class MappingCommands implements CommandGroup {
    private static final Parameter LOGIN = required("LOGIN", "the extra login name, e.g. jdoe or john@old.example");

    private final LoginMappingStore logins;
    private final UsersRepository users;

    @Inject
    public MappingCommands(LoginMappingStore logins, UsersRepository users) {
        this.logins = logins;
        this.users = users;
    }

    @Override
    public List<ConsoleCommand> commands() {
        return List.of(
            of("MAP ADD", "Lets LOGIN authenticate as the mailbox NAME@DOMAIN (IMAP, POP3, SMTP AUTH).", this::add,
                LOGIN, required("NAME", "mailbox user name, the part before @"), required("DOMAIN", "the mailbox's domain")),
            of("MAP DEL", "Removes an extra login name.", this::delete, LOGIN),
            of("MAP LIST", "Lists the extra login names of a mailbox.", this::list,
                required("NAME", "mailbox user name"), required("DOMAIN", "the mailbox's domain")));
    }

    private Reply add(Parameters parameters) throws Exception {
        Username login = login(parameters);
        Username mailbox = Checks.existingUser(users, parameters.user());
        if (users.contains(login)) {
            throw ConsoleException.conflict("LOGIN: " + login.asString() + " is a user of its own");
        }
        logins.map(login, mailbox).block();
        return Reply.ok("login " + login.asString() + " -> " + mailbox.asString());
    }

    private Reply delete(Parameters parameters) throws Exception {
        Username login = login(parameters);
        if (!logins.unmap(login).block()) {
            throw ConsoleException.notFound("LOGIN: " + login.asString() + " is not mapped");
        }
        return Reply.ok("login " + login.asString() + " removed");
    }

    private Reply list(Parameters parameters) throws Exception {
        Username mailbox = Checks.existingUser(users, parameters.user());
        List<String> names = logins.loginsOf(mailbox).map(Username::asString).sort().collectList().block();
        return Reply.ok(names.size() + " login(s) of " + mailbox.asString(), names);
    }

    private static Username login(Parameters parameters) {
        try {
            return WebAdminRequests.username("LOGIN", parameters.get("LOGIN"));
        } catch (RuntimeException e) {
            throw ConsoleException.badParameter("LOGIN: '" + parameters.get("LOGIN") + "' is not a login name");
        }
    }
}
