package io.extremail.lists;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Who may post to a mailing list: the {@code access} column of eXtremail's list file. */
public enum ListAccess {
    /** Anyone may post. */
    OPEN,
    /** Only members (and owners) may post; others get a bounce saying why. */
    MEMBERS,
    /** Owners post directly; every other post is held until an owner releases or rejects it. */
    MODERATED;

    /** Case-insensitive, as eXtremail's keywords are. */
    public static Optional<ListAccess> parse(String value) {
        String upper = value.strip().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(access -> access.name().equals(upper)).findFirst();
    }

    public static String choices() {
        return "OPEN, MEMBERS or MODERATED";
    }
}
