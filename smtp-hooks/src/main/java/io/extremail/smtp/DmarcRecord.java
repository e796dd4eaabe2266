package io.extremail.smtp;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** A DMARC policy record (RFC 7489 section 6.3), as published at {@code _dmarc.<domain>}. */
record DmarcRecord(Policy policy, Policy subdomainPolicy, int percent, boolean strictDkim, boolean strictSpf) {
    enum Policy { NONE, QUARANTINE, REJECT;

        /** The next less strict policy, for a message left out of the pct sample (section 6.6.4). */
        Policy lessStrict() {
            return this == REJECT ? QUARANTINE : NONE;
        }
    }

    static boolean isDmarc(String text) {
        return text.strip().matches("(?i)v\\s*=\\s*DMARC1\\s*(;.*)?");
    }

    /** @throws IllegalArgumentException naming the tag that is wrong */
    static DmarcRecord parse(String text) {
        Map<String, String> tags = new HashMap<>();
        String[] parts = text.split(";");
        for (int index = 0; index < parts.length; index++) {
            String part = parts[index].strip();
            if (part.isEmpty()) {
                continue;
            }
            int equals = part.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("'" + part + "' is not a tag=value pair");
            }
            String tag = part.substring(0, equals).strip().toLowerCase(Locale.ROOT);
            String value = part.substring(equals + 1).strip();
            if (index == 0 && !(tag.equals("v") && value.equals("DMARC1"))) {
                throw new IllegalArgumentException("v=DMARC1 must come first");
            }
            tags.putIfAbsent(tag, value);
        }
        if (!tags.containsKey("p")) {
            throw new IllegalArgumentException("p= is missing");
        }
        Policy policy = policy("p", tags.get("p"));
        Policy subdomainPolicy = tags.containsKey("sp") ? policy("sp", tags.get("sp")) : policy;
        int percent = percent(tags.getOrDefault("pct", "100"));
        return new DmarcRecord(policy, subdomainPolicy, percent, strict("adkim", tags.getOrDefault("adkim", "r")),
            strict("aspf", tags.getOrDefault("aspf", "r")));
    }

    private static Policy policy(String tag, String value) {
        try {
            return Policy.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(tag + "=" + value + " is not none, quarantine or reject");
        }
    }

    private static int percent(String value) {
        try {
            int percent = Integer.parseInt(value);
            if (percent >= 0 && percent <= 100) {
                return percent;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("pct=" + value + " is not a whole number from 0 to 100");
    }

    private static boolean strict(String tag, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "s" -> true;
            case "r" -> false;
            default -> throw new IllegalArgumentException(tag + "=" + value + " is not r or s");
        };
    }
}
