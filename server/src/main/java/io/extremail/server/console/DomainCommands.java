package io.extremail.server.console;

import static io.extremail.server.console.ConsoleCommand.of;
import static io.extremail.server.console.Parameter.required;

import java.util.List;

import javax.inject.Inject;

import org.apache.james.core.Domain;
import org.apache.james.domainlist.api.DomainList;

/** DOMAIN ADD | DEL | LIST: the virtual domains, as WebAdmin's /domains. */
public class DomainCommands implements CommandGroup {
    private static final Parameter NAME = required("NAME", "domain name, e.g. example.com");

    private final DomainList domains;

    @Inject
    public DomainCommands(DomainList domains) {
        this.domains = domains;
    }

    @Override
    public List<ConsoleCommand> commands() {
        return List.of(
            of("DOMAIN ADD", "Adds a domain the server receives mail for.", this::add, NAME),
            of("DOMAIN DEL", "Removes a domain (its users stay until deleted).", this::delete, NAME),
            of("DOMAIN LIST", "Lists the domains.", this::list));
    }

    private Reply add(Parameters parameters) throws Exception {
        Domain domain = parameters.domain("NAME");
        if (domains.containsDomain(domain)) {
            throw ConsoleException.conflict("NAME: domain " + domain.asString() + " already exists");
        }
        domains.addDomain(domain);
        return Reply.ok("domain " + domain.asString() + " added");
    }

    private Reply delete(Parameters parameters) throws Exception {
        Domain domain = Checks.existingDomain(domains, parameters.domain("NAME"), "NAME");
        domains.removeDomain(domain);
        return Reply.ok("domain " + domain.asString() + " deleted");
    }

    private Reply list(Parameters parameters) throws Exception {
        List<String> names = domains.getDomains().stream().map(Domain::asString).sorted().toList();
        return Reply.ok(names.size() + " domain(s)", names);
    }
}
