package io.extremail.server.dkim;

import static io.extremail.server.console.ConsoleCommand.of;
import static io.extremail.server.console.Parameter.optional;
import static io.extremail.server.console.Parameter.required;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.domainlist.api.DomainListException;

import io.extremail.dkim.DkimKeys;
import io.extremail.server.console.CommandGroup;
import io.extremail.server.console.ConsoleCommand;
import io.extremail.server.console.ConsoleException;
import io.extremail.server.console.Parameter;
import io.extremail.server.console.Parameters;
import io.extremail.server.console.Reply;

/** DKIM ADD | SHOW | LIST | ACTIVATE | DEL: the DKIM signing keys, as WebAdmin's /dkim. */
public class DkimCommands implements CommandGroup {
    private static final Parameter DOMAIN = required("DOMAIN", "the signing domain (a domain of this server)");
    private static final Parameter SELECTOR = required("SELECTOR", "the key's selector");

    private final DkimAdministration administration;

    @Inject
    public DkimCommands(DkimAdministration administration) {
        this.administration = administration;
    }

    @Override
    public List<ConsoleCommand> commands() {
        return List.of(
            of("DKIM ADD", "Creates a signing key and prints the TXT record to publish; it signs at once unless ACTIVATE=NO.",
                this::add, DOMAIN, optional("SELECTOR", "the key's selector [x<UTC date and time>]"),
                optional("BITS", "RSA key size, " + DkimKeys.MINIMUM_BITS + " to " + DkimKeys.MAXIMUM_BITS + " [" + DkimKeys.DEFAULT_BITS + "]"),
                optional("ALGORITHM", "RSA, the only one the DKIM library signs with [RSA]"),
                optional("ACTIVATE", "NO keeps signing with the current key until DKIM ACTIVATE [YES]")),
            of("DKIM LIST", "Lists the domain's keys; * marks the one that signs.", this::list, DOMAIN),
            of("DKIM SHOW", "Shows a key and the TXT record to publish.", this::show, DOMAIN, SELECTOR),
            of("DKIM ACTIVATE", "Rotation: mail of the domain is signed with this key from now on.", this::activate, DOMAIN, SELECTOR),
            of("DKIM DEL", "Deletes a key; deleting the active key stops signing.", this::delete, DOMAIN, SELECTOR));
    }

    private Reply add(Parameters parameters) throws DomainListException {
        Optional<Integer> bits = parameters.optional("BITS").isPresent()
            ? Optional.of(parameters.number("BITS", DkimKeys.DEFAULT_BITS, DkimKeys.MAXIMUM_BITS)) : Optional.empty();
        DkimAdministration.KeyView key = call(() -> administration.create(parameters.get("DOMAIN"), parameters.optional("SELECTOR"),
            parameters.optional("ALGORITHM"), bits, Optional.empty(), parameters.yesNo("ACTIVATE", true)));
        return Reply.ok("key " + key.selector() + " of " + key.domain() + " created" + (key.active() ? ", signing" : ""), describe(key));
    }

    private Reply list(Parameters parameters) throws DomainListException {
        List<DkimAdministration.KeyView> keys = call(() -> administration.list(parameters.get("DOMAIN")));
        return Reply.ok(keys.size() + " key(s)", keys.stream()
            .map(key -> (key.active() ? "* " : "  ") + key.selector() + " rsa " + key.bits() + " created " + key.created())
            .toList());
    }

    private Reply show(Parameters parameters) throws DomainListException {
        DkimAdministration.KeyView key = call(() -> administration.show(parameters.get("DOMAIN"), parameters.get("SELECTOR")));
        return Reply.ok("key " + key.selector() + " of " + key.domain(), describe(key));
    }

    private Reply activate(Parameters parameters) throws DomainListException {
        DkimAdministration.KeyView key = call(() -> administration.activate(parameters.get("DOMAIN"), parameters.get("SELECTOR")));
        return Reply.ok("mail of " + key.domain() + " is signed with " + key.selector());
    }

    private Reply delete(Parameters parameters) throws DomainListException {
        call(() -> {
            administration.remove(parameters.get("DOMAIN"), parameters.get("SELECTOR"));
            return null;
        });
        return Reply.ok("key " + parameters.get("SELECTOR") + " of " + parameters.get("DOMAIN") + " deleted");
    }

    private static List<String> describe(DkimAdministration.KeyView key) {
        List<String> lines = new ArrayList<>();
        lines.add("selector: " + key.selector());
        lines.add("algorithm: rsa " + key.bits() + " bits");
        lines.add("created: " + key.created());
        lines.add("active: " + (key.active() ? "YES" : "NO"));
        lines.add("dns name: " + key.dnsName());
        lines.add("dns record: " + key.dnsRecord());
        lines.add("zone file: " + key.zoneFileLine());
        return lines;
    }

    private interface Call<T> {
        T run() throws DomainListException;
    }

    private static <T> T call(Call<T> call) throws DomainListException {
        try {
            return call.run();
        } catch (DkimAdministration.Refused refused) {
            throw switch (refused.status()) {
                case 404 -> ConsoleException.notFound(upperField(refused.getMessage()));
                case 409 -> ConsoleException.conflict(upperField(refused.getMessage()));
                default -> ConsoleException.badParameter(upperField(refused.getMessage()));
            };
        }
    }

    /** WebAdmin names fields in camel case, the console in capitals: "selector: ..." becomes "SELECTOR: ...". */
    private static String upperField(String message) {
        int colon = message.indexOf(':');
        return colon < 0 ? message : message.substring(0, colon).toUpperCase(Locale.ROOT) + message.substring(colon);
    }
}
