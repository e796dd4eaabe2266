package io.extremail.server.console;

import static io.extremail.server.console.ConsoleCommand.of;
import static io.extremail.server.console.Parameter.optional;
import static io.extremail.server.console.Parameter.required;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.core.quota.QuotaSizeLimit;
import org.apache.james.core.quota.QuotaSizeLimit;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.model.MailboxMetaData;
import org.apache.james.mailbox.model.QuotaRoot;
import org.apache.james.mailbox.model.search.MailboxQuery;
import org.apache.james.mailbox.quota.MaxQuotaManager;
import org.apache.james.mailbox.quota.QuotaManager;
import org.apache.james.mailbox.quota.UserQuotaRootResolver;
import org.apache.james.rrt.api.RecipientRewriteTable;
import org.apache.james.rrt.lib.Mapping;
import org.apache.james.rrt.lib.MappingSource;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.model.User;
import org.apache.james.vacation.api.AccountId;
import org.apache.james.vacation.api.VacationService;

import io.extremail.copy.MailCopyStore;
import io.extremail.mapping.LoginMappingStore;
import reactor.core.publisher.Flux;

/** USER ADD | DEL | SHOW | LIST | PASS | QUOTA: the same users as WebAdmin's /users and /quota. */
public class UserCommands implements CommandGroup {
    private static final Parameter NAME = required("NAME", "user name, the part before @");
    private static final Parameter DOMAIN = required("DOMAIN", "one of the server's domains");

    private final UsersRepository users;
    private final DomainList domains;
    private final MaxQuotaManager maxQuotas;
    private final QuotaManager quotas;
    private final UserQuotaRootResolver quotaRoots;
    private final RecipientRewriteTable rrt;
    private final MailCopyStore copies;
    private final VacationService vacations;
    private final LoginMappingStore logins;
    private final MailboxManager mailboxes;

    @Inject
    public UserCommands(UsersRepository users, DomainList domains, MaxQuotaManager maxQuotas, QuotaManager quotas,
                        UserQuotaRootResolver quotaRoots, RecipientRewriteTable rrt, MailCopyStore copies,
                        VacationService vacations, LoginMappingStore logins, MailboxManager mailboxes) {
        this.users = users;
        this.domains = domains;
        this.maxQuotas = maxQuotas;
        this.quotas = quotas;
        this.quotaRoots = quotaRoots;
        this.rrt = rrt;
        this.copies = copies;
        this.vacations = vacations;
        this.logins = logins;
        this.mailboxes = mailboxes;
    }

    @Override
    public List<ConsoleCommand> commands() {
        return List.of(
            of("USER ADD", "Creates a mailbox user.", this::add, NAME, DOMAIN,
                optional("PASS", "password; without it the user cannot log in until USER PASS"),
                optional("QUOTA", "disk quota: bytes, or with K, M, G; UNLIMITED"),
                optional("DIR", "eXtremail's mailbox folder: accepted for old scripts and ignored (mail is in Cassandra)")),
            of("USER DEL", "Deletes a user and the mail stored in its mailboxes.", this::delete, NAME, DOMAIN),
            of("USER SHOW", "Shows a user: quota and usage, forwards, copy address, autoresponder, extra logins.", this::show, NAME, DOMAIN),
            of("USER LIST", "Lists the users, of one domain or all.", this::list, optional("DOMAIN", "only this domain")),
            of("USER PASS", "Changes a user's password.", this::password, NAME, DOMAIN, required("PASS", "new password")),
            of("USER QUOTA", "Sets a user's disk quota.", this::quota, NAME, DOMAIN,
                required("SIZE", "bytes, or with K, M, G; UNLIMITED; DEFAULT to use the domain or global quota")));
    }

    private Reply add(Parameters parameters) throws Exception {
        Username user = parameters.user();
        Optional<QuotaSizeLimit> quota = parameters.optional("QUOTA").map(value -> Checks.size("QUOTA", value));
        Checks.existingDomain(domains, parameters.domain("DOMAIN"), "DOMAIN");
        if (users.contains(user)) {
            throw ConsoleException.conflict("NAME: user " + user.asString() + " already exists");
        }
        Optional<String> password = parameters.optional("PASS");
        // No password given: a random one nobody knows, so that the account cannot be opened until USER PASS.
        users.addUser(user, password.orElseGet(() -> java.util.UUID.randomUUID() + "-" + java.util.UUID.randomUUID()));
        if (quota.isPresent()) {
            maxQuotas.setMaxStorage(quotaRoot(user), quota.get());
        }
        return Reply.ok("user " + user.asString() + " added"
            + (password.isEmpty() ? "; no PASS: it cannot log in until USER PASS" : "")
            + (parameters.optional("DIR").isPresent() ? "; DIR ignored: mail is stored in Cassandra" : ""));
    }

    private Reply delete(Parameters parameters) throws Exception {
        Username user = Checks.existingUser(users, parameters.user());
        MailboxSession session = mailboxes.createSystemSession(user);
        List<MailboxMetaData> owned = mailboxes.search(MailboxQuery.privateMailboxesBuilder(session).build(), session)
            .collectList().block();
        for (MailboxMetaData mailbox : owned) {
            mailboxes.deleteMailbox(mailbox.getId(), session);
        }
        users.removeUser(user);
        return Reply.ok("user " + user.asString() + " deleted with " + owned.size() + " mailbox(es)");
    }

    private Reply show(Parameters parameters) throws Exception {
        Username user = Checks.existingUser(users, parameters.user());
        QuotaManager.Quotas current = quotas.getQuotas(quotaRoot(user));
        List<String> lines = new ArrayList<>();
        lines.add("user: " + user.asString());
        QuotaSizeLimit limit = current.getStorageQuota().getLimit();
        lines.add("quota: " + (limit.isUnlimited() ? "unlimited" : limit.asLong() + " bytes") + ", used: "
            + current.getStorageQuota().getUsed().asLong() + " bytes, messages: " + current.getMessageQuota().getUsed().asLong());
        lines.add("forwards: " + forwards(user));
        lines.add("copy: " + copies.of(user).blockOptional()
            .map(copy -> copy.target().asString() + (copy.includeSent() ? " (received and sent)" : " (received)")).orElse("none"));
        lines.add("autoresponder: " + (vacations.retrieveVacation(AccountId.fromUsername(user)).block().isEnabled() ? "on" : "off"));
        lines.add("logins: " + Optional.of(logins.loginsOf(user).map(Username::asString).collectList().block())
            .filter(list -> !list.isEmpty()).map(list -> String.join(", ", list)).orElse("none"));
        return Reply.ok("user " + user.asString(), lines);
    }

    private Reply list(Parameters parameters) throws Exception {
        Optional<String> domain = parameters.optional("DOMAIN").map(value -> parameters.domain("DOMAIN").asString());
        if (domain.isPresent()) {
            Checks.existingDomain(domains, parameters.domain("DOMAIN"), "DOMAIN");
        }
        List<String> names = Flux.from(users.listReactive())
            .filter(user -> domain.map(d -> user.getDomainPart().map(part -> part.asString().equals(d)).orElse(false)).orElse(true))
            .map(Username::asString).sort().collectList().block();
        return Reply.ok(names.size() + " user(s)", names);
    }

    private Reply password(Parameters parameters) throws Exception {
        Username user = Checks.existingUser(users, parameters.user());
        User stored = users.getUserByName(user);
        stored.setPassword(parameters.get("PASS"));
        users.updateUser(stored);
        return Reply.ok("password of " + user.asString() + " changed");
    }

    private Reply quota(Parameters parameters) throws Exception {
        Username user = Checks.existingUser(users, parameters.user());
        String size = parameters.get("SIZE");
        if (size.strip().toUpperCase(Locale.ROOT).equals("DEFAULT")) {
            maxQuotas.removeMaxStorage(quotaRoot(user));
            return Reply.ok("quota of " + user.asString() + " is the domain or global one");
        }
        maxQuotas.setMaxStorage(quotaRoot(user), Checks.size("SIZE", size));
        return Reply.ok("quota of " + user.asString() + " set to " + size.strip());
    }

    private QuotaRoot quotaRoot(Username user) {
        return quotaRoots.forUser(user);
    }

    private String forwards(Username user) throws Exception {
        String targets = rrt.getStoredMappings(MappingSource.fromUser(user)).asStream()
            .filter(mapping -> mapping.getType() == Mapping.Type.Forward)
            .map(Mapping::asMailAddress).flatMap(Optional::stream).map(Object::toString)
            .collect(Collectors.joining(", "));
        return targets.isEmpty() ? "none" : targets;
    }
}
