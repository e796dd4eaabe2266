package io.extremail.server.dns;

import static io.extremail.server.console.ConsoleCommand.of;
import static io.extremail.server.console.Parameter.optional;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import javax.inject.Inject;

import io.extremail.server.console.CommandGroup;
import io.extremail.server.console.ConsoleCommand;
import io.extremail.server.console.ConsoleException;
import io.extremail.server.console.Parameter;
import io.extremail.server.console.Parameters;
import io.extremail.server.console.Reply;

/** DNS CACHE SHOW ALL | DOMAIN=.. and DNS CACHE FLUSH [DOMAIN=..]: the resolver's cache, as eXtremail showed it. */
public class DnsCacheCommands implements CommandGroup {
    private static final Parameter DOMAIN = optional("DOMAIN", "only this domain and the names below it");

    private final ExtremailDnsService dns;

    @Inject
    public DnsCacheCommands(ExtremailDnsService dns) {
        this.dns = dns;
    }

    @Override
    public List<ConsoleCommand> commands() {
        return List.of(
            of("DNS CACHE SHOW", "Lists cached answers: name, record type, value, seconds left; NXDOMAIN/NXRRSET for negative ones.",
                this::show, DOMAIN).withKeywords("ALL"),
            of("DNS CACHE FLUSH", "Forgets cached answers, of one domain or all.", this::flush, DOMAIN));
    }

    private Reply show(Parameters parameters) {
        Optional<String> domain = domain(parameters);
        if (domain.isEmpty() && parameters.keyword().isEmpty()) {
            throw ConsoleException.badParameter("DOMAIN: give DOMAIN=<domain>, or ALL for the whole cache");
        }
        Instant now = Instant.now();
        List<String> lines = dns.cacheEntries(domain).stream()
            .flatMap(entry -> entry.values().stream()
                .map(value -> entry.name() + " " + entry.type() + " " + value + " ttl=" + entry.secondsLeft(now) + "s"))
            .toList();
        return Reply.ok(lines.size() + " cached record(s)", lines);
    }

    private Reply flush(Parameters parameters) {
        Optional<String> domain = domain(parameters);
        int flushed = dns.flushCache(domain);
        return Reply.ok(flushed + " cached answer(s) flushed" + domain.map(d -> " for " + d).orElse(""));
    }

    private static Optional<String> domain(Parameters parameters) {
        return parameters.optional("DOMAIN").map(value -> {
            String domain = value.strip();
            if (!InspectableCache.isDomainName(domain)) {
                throw ConsoleException.badParameter("DOMAIN: '" + value + "' is not a domain name");
            }
            return domain;
        });
    }
}
