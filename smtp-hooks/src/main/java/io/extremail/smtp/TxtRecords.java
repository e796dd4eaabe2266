package io.extremail.smtp;

import java.util.Arrays;
import java.util.List;

import org.xbill.DNS.Lookup;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * TXT lookups for DKIM keys and DMARC policies through the server's resolver and cache (dnsjava's defaults, which
 * the DNS service sets: the cache DNS CACHE SHOW lists), telling "no record" from "could not ask": the first is a
 * result, the second a temporary error.
 */
final class TxtRecords {
    enum Status { FOUND, NONE, TEMPERROR }

    /** Each record's character-strings joined, as RFC 6376 and RFC 7489 read them. */
    record Answer(Status status, List<String> texts) {
    }

    private TxtRecords() {
    }

    static Answer lookup(String name) {
        Lookup lookup;
        try {
            lookup = new Lookup(Name.fromString(name, Name.root), Type.TXT);
        } catch (TextParseException e) {
            return new Answer(Status.NONE, List.of());
        }
        Record[] records = lookup.run();
        return switch (lookup.getResult()) {
            case Lookup.SUCCESSFUL -> new Answer(Status.FOUND, Arrays.stream(records)
                .filter(TXTRecord.class::isInstance)
                .map(record -> String.join("", ((TXTRecord) record).getStrings()))
                .toList());
            case Lookup.HOST_NOT_FOUND, Lookup.TYPE_NOT_FOUND -> new Answer(Status.NONE, List.of());
            default -> new Answer(Status.TEMPERROR, List.of());
        };
    }
}
