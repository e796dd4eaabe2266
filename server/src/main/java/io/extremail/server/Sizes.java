package io.extremail.server;

import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes as operators write them in the console and eXtremail.conf: {@code 500}, {@code 100K}, {@code 20M}, {@code 1G} (powers of 1024). */
public final class Sizes {
    private static final Pattern SIZE = Pattern.compile("(\\d{1,15})\\s*([KMG]?)B?");

    private Sizes() {
    }

    /** The size in bytes, or empty when {@code value} is no size. */
    public static OptionalLong bytes(String value) {
        Matcher matcher = SIZE.matcher(value.strip().toUpperCase(Locale.ROOT));
        if (!matcher.matches()) {
            return OptionalLong.empty();
        }
        int shift = switch (matcher.group(2)) {
            case "K" -> 10;
            case "M" -> 20;
            case "G" -> 30;
            default -> 0;
        };
        return OptionalLong.of(Long.parseLong(matcher.group(1)) << shift);
    }
}
