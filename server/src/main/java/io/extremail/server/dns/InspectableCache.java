package io.extremail.server.dns;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import org.xbill.DNS.Cache;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

/**
 * dnsjava's cache, which keeps its entries to itself, with an index of what it was given: names, record types,
 * values and when each expires, so that an operator can see the cache (DNS CACHE SHOW) and flush it. Negative
 * answers (no such name, no such record) are kept with their own TTL: the SOA's, at most the configured
 * negative-cache TTL.
 */
public class InspectableCache extends Cache {
    /** One cached answer: positive with its values, or negative ({@code NXDOMAIN} / {@code NXRRSET}). */
    public record Entry(String name, String type, List<String> values, boolean negative, Instant expires) {
        public long secondsLeft(Instant now) {
            return Math.max(0, Duration.between(now, expires).toSeconds());
        }
    }

    private record Key(String name, int type) {
    }

    private final Clock clock;
    private final Map<Key, Entry> index;

    public InspectableCache(int maxEntries, Clock clock) {
        super(DClass.IN);
        this.clock = clock;
        setMaxEntries(maxEntries);
        // Least recently added first out, as bounded as the cache itself.
        this.index = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
                return size() > Math.max(maxEntries, 1);
            }
        };
    }

    @Override
    public synchronized <T extends Record> void addRRset(RRset rrset, int cred) {
        super.addRRset(rrset, cred);
        List<String> values = new ArrayList<>();
        rrset.rrs().forEach(record -> values.add(record.rdataToString()));
        remember(rrset.getName(), rrset.getType(), values, false, limit(rrset.getTTL(), getMaxCache()));
    }

    @Override
    public synchronized void addRecord(Record record, int cred) {
        super.addRecord(record, cred);
        Key key = new Key(record.getName().toString(), record.getRRsetType());
        List<String> values = new ArrayList<>(Optional.ofNullable(index.get(key)).filter(entry -> !entry.negative())
            .map(Entry::values).orElse(List.of()));
        if (!values.contains(record.rdataToString())) {
            values.add(record.rdataToString());
        }
        remember(record.getName(), record.getRRsetType(), values, false, limit(record.getTTL(), getMaxCache()));
    }

    @Override
    public synchronized void addNegative(Name name, int type, SOARecord soa, int cred) {
        super.addNegative(name, type, soa, cred);
        long ttl = soa == null ? 0 : Math.min(soa.getTTL(), soa.getMinimum());
        remember(name, type, List.of(type == 0 ? "NXDOMAIN" : "NXRRSET"), true, limit(ttl, getMaxNCache()));
    }

    @Override
    public synchronized void clearCache() {
        super.clearCache();
        index.clear();
    }

    /** What {@link #entries} and {@link #flush} take as a domain: a DNS name, absolute or not. */
    public static boolean isDomainName(String value) {
        return value.strip().matches("[A-Za-z0-9.-]+\\.?");
    }

    /** The entries not yet expired, by name and type; {@code domain} keeps those of that domain and below it. */
    public synchronized List<Entry> entries(Optional<String> domain) {
        Instant now = clock.instant();
        index.values().removeIf(entry -> !entry.expires().isAfter(now));
        return index.values().stream()
            .filter(inDomain(domain))
            .sorted(Comparator.comparing(Entry::name).thenComparing(Entry::type))
            .toList();
    }

    /** Forgets the entries of the domain and below it, or all; returns how many there were. */
    public synchronized int flush(Optional<String> domain) {
        List<Entry> flushed = entries(domain);
        if (domain.isEmpty()) {
            clearCache();
            return flushed.size();
        }
        for (Entry entry : flushed) {
            try {
                flushName(Name.fromString(entry.name()));
            } catch (org.xbill.DNS.TextParseException e) {
                throw new IllegalStateException("A cached name does not parse: " + entry.name(), e);
            }
        }
        index.values().removeIf(inDomain(domain));
        return flushed.size();
    }

    private void remember(Name name, int type, List<String> values, boolean negative, long ttl) {
        Key key = new Key(name.toString(), type);
        index.remove(key);
        index.put(key, new Entry(name.toString(), type == 0 ? "ANY" : Type.string(type), List.copyOf(values), negative,
            clock.instant().plusSeconds(ttl)));
    }

    private static long limit(long ttl, int maximum) {
        return maximum >= 0 ? Math.min(ttl, maximum) : ttl;
    }

    private static Predicate<Entry> inDomain(Optional<String> domain) {
        return entry -> domain.map(d -> {
            String absolute = d.endsWith(".") ? d.toLowerCase() : d.toLowerCase() + ".";
            String name = entry.name().toLowerCase();
            return name.equals(absolute) || name.endsWith("." + absolute);
        }).orElse(true);
    }
}
