package io.extremail.lists;

import java.util.Locale;

import javax.mail.internet.AddressException;

import org.apache.james.core.MailAddress;

/** List addresses, owners and members compare case-insensitively: they are kept in lower case. */
public final class Addresses {
    private Addresses() {
    }

    public static MailAddress normalized(MailAddress address) {
        String lower = address.asString().toLowerCase(Locale.ROOT);
        if (lower.equals(address.asString())) {
            return address;
        }
        try {
            return new MailAddress(lower);
        } catch (AddressException e) {
            throw new IllegalArgumentException("'" + address.asString() + "' is not valid in lower case", e);
        }
    }

    /** A mail address from operator input: {@code field} names it in the error. */
    public static MailAddress parse(String field, String value) {
        try {
            return normalized(new MailAddress(value.strip()));
        } catch (AddressException | RuntimeException e) {
            throw new IllegalArgumentException(field + ": '" + value + "' is not a mail address");
        }
    }
}
