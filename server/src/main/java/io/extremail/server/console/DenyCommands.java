package io.extremail.server.console;

import static io.extremail.server.console.ConsoleCommand.of;
import static io.extremail.server.console.Parameter.optional;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import javax.inject.Inject;

import io.extremail.deny.DenyEntry;
import io.extremail.deny.DenyKind;
import io.extremail.deny.DenyList;
import io.extremail.deny.InvalidDenyEntryException;

/**
 * DENY ADD | DEL | SHOW: the six deny lists, as WebAdmin's /deny, in eXtremail's syntax: {@code DENY ADD
 * IPIN=192.0.2.0/24}, {@code DENY DEL MAILBOXIN=spam@example.net}, {@code DENY DEL DOMAINOUT} (the whole list),
 * {@code DENY DEL ALL}, {@code DENY SHOW IPIN}.
 */
public class DenyCommands implements CommandGroup {
    private static final String[] KINDS = Arrays.stream(DenyKind.values()).map(Enum::name).toArray(String[]::new);
    private static final String[] KINDS_AND_ALL = concat(KINDS, "ALL");

    private final DenyList denyList;

    @Inject
    public DenyCommands(DenyList denyList) {
        this.denyList = denyList;
    }

    @Override
    public List<ConsoleCommand> commands() {
        return List.of(
            of("DENY ADD", "Adds a rule, KIND=value; in force within a second.", this::add, kindParameters()),
            of("DENY DEL", "Removes a rule (KIND=value), every rule of a list (DENY DEL IPIN) or of all six (DENY DEL ALL).",
                this::delete, kindParameters()).withKeywords(KINDS_AND_ALL),
            of("DENY SHOW", "Lists the rules of one list (DENY SHOW IPIN), sorted, one page; without a list, the counts.",
                this::show, optional("OFFSET", "rules to skip [0]"), optional("LIMIT", "rules to show [1000], at most 100000"))
                .withKeywords(KINDS));
    }

    private static Parameter[] kindParameters() {
        return new Parameter[] {
            optional("IPIN", "client address or CIDR refused at connect, IPv4 or IPv6 (e.g. 192.0.2.0/24)"),
            optional("IPOUT", "CIDR of mail servers never delivered to"),
            optional("DOMAININ", "sender domain refused at MAIL FROM"),
            optional("DOMAINOUT", "recipient domain refused for relayed mail"),
            optional("MAILBOXIN", "sender address refused at MAIL FROM"),
            optional("MAILBOXOUT", "recipient address refused for relayed mail")};
    }

    private Reply add(Parameters parameters) {
        DenyEntry entry = entry(parameters);
        denyList.add(entry).block();
        return Reply.ok(entry.kind() + " " + entry.value() + " added");
    }

    private Reply delete(Parameters parameters) {
        if (parameters.keyword().isPresent()) {
            if (!parameters.given().isEmpty()) {
                throw ConsoleException.badParameter(parameters.given().keySet().iterator().next() + ": not with DENY DEL "
                    + parameters.keyword().get());
            }
            List<DenyKind> kinds = parameters.keyword().get().equals("ALL") ? List.of(DenyKind.values())
                : List.of(DenyKind.valueOf(parameters.keyword().get()));
            long removed = 0;
            for (DenyKind kind : kinds) {
                for (DenyEntry entry : denyList.list(kind).collectList().block()) {
                    removed += denyList.remove(entry).block() ? 1 : 0;
                }
            }
            return Reply.ok(removed + " rule(s) deleted from " + parameters.keyword().get());
        }
        DenyEntry entry = entry(parameters);
        if (!denyList.remove(entry).block()) {
            throw ConsoleException.notFound(entry.kind() + ": no rule " + entry.value());
        }
        return Reply.ok(entry.kind() + " " + entry.value() + " deleted");
    }

    private Reply show(Parameters parameters) {
        int offset = parameters.number("OFFSET", 0, Integer.MAX_VALUE);
        int limit = parameters.number("LIMIT", 1000, 100_000);
        if (parameters.keyword().isEmpty()) {
            if (!parameters.given().isEmpty()) {
                throw ConsoleException.badParameter(parameters.given().keySet().iterator().next()
                    + ": pages the rules of one list, as in DENY SHOW IPIN " + parameters.given().keySet().iterator().next() + "=..");
            }
            List<String> counts = new ArrayList<>();
            for (DenyKind kind : DenyKind.values()) {
                counts.add(kind + ": " + denyList.storedCount(kind));
            }
            return Reply.ok("deny lists; DENY SHOW <list> shows the rules", counts);
        }
        DenyKind kind = DenyKind.valueOf(parameters.keyword().get());
        List<String> values = denyList.list(kind).skip(offset).take(limit).map(DenyEntry::value).collectList().block();
        return Reply.ok(values.size() + " " + kind + " rule(s)", values);
    }

    /** The one KIND=value pair of the command. */
    private static DenyEntry entry(Parameters parameters) {
        Map<String, String> given = parameters.given();
        if (given.size() != 1) {
            throw ConsoleException.badParameter("IPIN: give exactly one rule, as KIND=value (" + String.join(", ", KINDS) + ")");
        }
        Map.Entry<String, String> rule = given.entrySet().iterator().next();
        try {
            return DenyEntry.of(DenyKind.valueOf(rule.getKey()), rule.getValue());
        } catch (InvalidDenyEntryException e) {
            throw ConsoleException.badParameter(rule.getKey() + ": " + e.getMessage());
        }
    }

    private static String[] concat(String[] first, String last) {
        String[] all = Arrays.copyOf(first, first.length + 1);
        all[first.length] = last;
        return all;
    }
}
