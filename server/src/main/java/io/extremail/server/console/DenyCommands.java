package io.extremail.server.console;

import static io.extremail.server.console.ConsoleCommand.of;
import static io.extremail.server.console.Parameter.optional;
import static io.extremail.server.console.Parameter.required;

import java.util.List;

import javax.inject.Inject;

import io.extremail.deny.DenyEntry;
import io.extremail.deny.DenyKind;
import io.extremail.deny.DenyList;
import io.extremail.deny.InvalidDenyEntryException;

/** DENY ADD | DEL | SHOW: the six deny lists, as WebAdmin's /deny. */
public class DenyCommands implements CommandGroup {
    private static final Parameter TYPE = required("TYPE", "IPIN, IPOUT, DOMAININ, DOMAINOUT, MAILBOXIN or MAILBOXOUT");
    private static final Parameter VALUE = required("VALUE", "a CIDR (IPIN, IPOUT), a domain or a mail address");

    private final DenyList denyList;

    @Inject
    public DenyCommands(DenyList denyList) {
        this.denyList = denyList;
    }

    @Override
    public List<ConsoleCommand> commands() {
        return List.of(
            of("DENY ADD", "Adds a deny rule; in force within a second.", this::add, TYPE, VALUE),
            of("DENY DEL", "Removes a deny rule.", this::delete, TYPE, VALUE),
            of("DENY SHOW", "Lists the rules of a deny list, sorted, one page.", this::show, TYPE,
                optional("OFFSET", "rules to skip [0]"), optional("LIMIT", "rules to show [1000], at most 100000")));
    }

    private Reply add(Parameters parameters) {
        DenyEntry entry = entry(parameters);
        denyList.add(entry).block();
        return Reply.ok(entry.kind() + " " + entry.value() + " added");
    }

    private Reply delete(Parameters parameters) {
        DenyEntry entry = entry(parameters);
        if (!denyList.remove(entry).block()) {
            throw ConsoleException.notFound("VALUE: " + entry.kind() + " has no rule " + entry.value());
        }
        return Reply.ok(entry.kind() + " " + entry.value() + " deleted");
    }

    private Reply show(Parameters parameters) {
        DenyKind kind = kind(parameters);
        int offset = parameters.number("OFFSET", 0, Integer.MAX_VALUE);
        int limit = parameters.number("LIMIT", 1000, 100_000);
        List<String> values = denyList.list(kind).skip(offset).take(limit).map(DenyEntry::value).collectList().block();
        return Reply.ok(values.size() + " " + kind + " rule(s)", values);
    }

    private static DenyEntry entry(Parameters parameters) {
        DenyKind kind = kind(parameters);
        try {
            return DenyEntry.of(kind, parameters.get("VALUE"));
        } catch (InvalidDenyEntryException e) {
            throw ConsoleException.badParameter("VALUE: " + e.getMessage());
        }
    }

    private static DenyKind kind(Parameters parameters) {
        return DenyKind.parse(parameters.get("TYPE"))
            .orElseThrow(() -> ConsoleException.badParameter("TYPE: '" + parameters.get("TYPE") + "' is not " + TYPE.description()));
    }
}
