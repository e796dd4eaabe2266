package io.extremail.server.console;

import static io.extremail.server.console.ConsoleCommand.of;
import static io.extremail.server.console.Parameter.optional;
import static io.extremail.server.console.Parameter.required;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.rrt.api.RecipientRewriteTable;
import org.apache.james.rrt.lib.Mapping;
import org.apache.james.rrt.lib.MappingSource;
import org.apache.james.rrt.lib.Mappings;
import org.apache.james.user.api.UsersRepository;

/** ALIAS ADD | DEL | LIST: another address of a user, as WebAdmin's /address/aliases (James's rewrite table). */
public class AliasCommands implements CommandGroup {
    private static final Parameter NAME = required("NAME", "alias name, the part before @");
    private static final Parameter DOMAIN = required("DOMAIN", "one of the server's domains");
    private static final Parameter FORWARD = required("FORWARD", "address of the user the alias delivers to, user@domain");

    private final RecipientRewriteTable rrt;
    private final UsersRepository users;
    private final DomainList domains;

    @Inject
    public AliasCommands(RecipientRewriteTable rrt, UsersRepository users, DomainList domains) {
        this.rrt = rrt;
        this.users = users;
        this.domains = domains;
    }

    @Override
    public List<ConsoleCommand> commands() {
        return List.of(
            of("ALIAS ADD", "Makes NAME@DOMAIN deliver to the mailbox FORWARD.", this::add, NAME, DOMAIN, FORWARD),
            of("ALIAS DEL", "Removes an alias.", this::delete, NAME, DOMAIN, FORWARD),
            of("ALIAS LIST", "Lists the aliases, of one domain or all.", this::list, optional("DOMAIN", "only this domain")));
    }

    private Reply add(Parameters parameters) throws Exception {
        MailAddress alias = parameters.address();
        Checks.existingDomain(domains, alias.getDomain(), "DOMAIN");
        if (users.contains(users.getUsername(alias))) {
            throw ConsoleException.conflict("NAME: " + alias.asString() + " is a user, not available as an alias");
        }
        MailAddress target = parameters.address("FORWARD");
        rrt.addAliasMapping(MappingSource.fromMailAddress(alias), target.asString());
        return Reply.ok("alias " + alias.asString() + " -> " + target.asString() + " added");
    }

    private Reply delete(Parameters parameters) throws Exception {
        MailAddress alias = parameters.address();
        MailAddress target = parameters.address("FORWARD");
        MappingSource source = MappingSource.fromMailAddress(alias);
        if (!rrt.getStoredMappings(source).contains(Mapping.alias(target.asString()))) {
            throw ConsoleException.notFound("NAME: no alias " + alias.asString() + " -> " + target.asString());
        }
        rrt.removeAliasMapping(source, target.asString());
        return Reply.ok("alias " + alias.asString() + " -> " + target.asString() + " deleted");
    }

    private Reply list(Parameters parameters) throws Exception {
        Optional<String> domain = parameters.optional("DOMAIN").map(value -> parameters.domain("DOMAIN").asString());
        List<String> lines = rrt.getAllMappings().entrySet().stream()
            .filter(entry -> domain.map(d -> entry.getKey().asDomain().map(x -> x.asString().equals(d)).orElse(false)
                || entry.getKey().asString().endsWith("@" + d)).orElse(true))
            .flatMap(entry -> aliases(entry))
            .sorted().toList();
        return Reply.ok(lines.size() + " alias(es)", lines);
    }

    private static java.util.stream.Stream<String> aliases(Map.Entry<MappingSource, Mappings> entry) {
        return entry.getValue().asStream()
            .filter(mapping -> mapping.getType() == Mapping.Type.Alias)
            .map(mapping -> entry.getKey().asString() + " -> " + mapping.getMappingValue());
    }
}
