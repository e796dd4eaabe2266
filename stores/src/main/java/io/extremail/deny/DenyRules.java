package io.extremail.deny;

import java.net.InetAddress;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.apache.james.core.Domain;
import org.apache.james.core.MailAddress;

import com.google.common.net.InetAddresses;

/**
 * An immutable snapshot of every deny list, indexed so that a check costs a few hash lookups whatever the number
 * of entries: networks by prefix length (one lookup per distinct length), domains by name and by each parent
 * domain, mailboxes by address.
 */
public final class DenyRules {
    public static final DenyRules NONE = of(Set.of());

    private final Map<DenyKind, Set<String>> names;
    /** Per kind, per address length in bytes (4 or 16), per prefix length: the networks. */
    private final Map<DenyKind, Map<Integer, Map<Integer, Set<InetAddress>>>> networks;

    private DenyRules(Map<DenyKind, Set<String>> names, Map<DenyKind, Map<Integer, Map<Integer, Set<InetAddress>>>> networks) {
        this.names = names;
        this.networks = networks;
    }

    public static DenyRules of(Collection<DenyEntry> entries) {
        Map<DenyKind, Set<String>> names = new EnumMap<>(DenyKind.class);
        Map<DenyKind, Map<Integer, Map<Integer, Set<InetAddress>>>> networks = new EnumMap<>(DenyKind.class);
        for (DenyEntry entry : entries) {
            if (entry.kind().valueType() == DenyKind.ValueType.NETWORK) {
                int slash = entry.value().indexOf('/');
                InetAddress network = InetAddresses.forString(entry.value().substring(0, slash));
                int prefix = Integer.parseInt(entry.value().substring(slash + 1));
                networks.computeIfAbsent(entry.kind(), kind -> new HashMap<>())
                    .computeIfAbsent(network.getAddress().length, family -> new TreeMap<>())
                    .computeIfAbsent(prefix, length -> new HashSet<>())
                    .add(network);
            } else {
                names.computeIfAbsent(entry.kind(), kind -> new HashSet<>()).add(entry.value());
            }
        }
        return new DenyRules(names, networks);
    }

    /** How many rules the list holds, from memory. */
    public int count(DenyKind kind) {
        return names.getOrDefault(kind, Set.of()).size()
            + networks.getOrDefault(kind, Map.of()).values().stream()
                .flatMap(byPrefix -> byPrefix.values().stream()).mapToInt(Set::size).sum();
    }

    /** The IPIN or IPOUT rule covering this address, if any. */
    public Optional<DenyEntry> matchingNetwork(DenyKind kind, InetAddress address) {
        Map<Integer, Set<InetAddress>> byPrefix = networks.getOrDefault(kind, Map.of())
            .getOrDefault(address.getAddress().length, Map.of());
        for (Map.Entry<Integer, Set<InetAddress>> sameLength : byPrefix.entrySet()) {
            int prefix = sameLength.getKey();
            InetAddress network = Networks.masked(address, prefix);
            if (sameLength.getValue().contains(network)) {
                return Optional.of(new DenyEntry(kind, InetAddresses.toAddrString(network) + "/" + prefix));
            }
        }
        return Optional.empty();
    }

    /** The DOMAININ or DOMAINOUT rule for this domain: its exact name, or a {@code .parent} rule above it. */
    public Optional<DenyEntry> matchingDomain(DenyKind kind, Domain domain) {
        Set<String> denied = names.getOrDefault(kind, Set.of());
        if (denied.isEmpty()) {
            return Optional.empty();
        }
        String name = domain.asString().toLowerCase(Locale.ROOT);
        if (denied.contains(name)) {
            return Optional.of(new DenyEntry(kind, name));
        }
        for (int dot = name.indexOf('.'); dot >= 0; dot = name.indexOf('.', dot + 1)) {
            String parent = name.substring(dot);
            if (denied.contains(parent)) {
                return Optional.of(new DenyEntry(kind, parent));
            }
        }
        return Optional.empty();
    }

    /** The MAILBOXIN or MAILBOXOUT rule for this address. */
    public Optional<DenyEntry> matchingMailbox(DenyKind kind, MailAddress address) {
        String value = address.asString().toLowerCase(Locale.ROOT);
        return names.getOrDefault(kind, Set.of()).contains(value) ? Optional.of(new DenyEntry(kind, value)) : Optional.empty();
    }

    /** The address rule first, then the domain rule: MAILBOXIN/DOMAININ for senders, MAILBOXOUT/DOMAINOUT for recipients. */
    public Optional<DenyEntry> matchingAddress(DenyKind mailboxKind, DenyKind domainKind, MailAddress address) {
        return matchingMailbox(mailboxKind, address).or(() -> matchingDomain(domainKind, address.getDomain()));
    }
}
