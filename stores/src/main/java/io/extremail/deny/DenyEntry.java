package io.extremail.deny;

import java.net.InetAddress;
import java.util.Locale;

import org.apache.james.core.Domain;
import org.apache.james.core.MailAddress;

import com.google.common.net.InetAddresses;

/**
 * One deny rule in its canonical form, so that the same rule typed twice is stored once:
 * <ul>
 *   <li>networks as {@code address/prefix}, host bits cleared, IPv6 in its short lower-case form
 *       ({@code 192.0.2.7} is {@code 192.0.2.7/32}, {@code 2001:DB8:0::1/32} is {@code 2001:db8::/32});</li>
 *   <li>domains in lower case; a leading dot ({@code .example.com}) also matches every subdomain;</li>
 *   <li>mailboxes as lower-case addresses.</li>
 * </ul>
 */
public record DenyEntry(DenyKind kind, String value) {

    public static DenyEntry of(DenyKind kind, String rawValue) {
        if (rawValue == null || rawValue.isBlank()) {
            throw new InvalidDenyEntryException("value is missing");
        }
        String value = rawValue.strip();
        return new DenyEntry(kind, switch (kind.valueType()) {
            case NETWORK -> canonicalNetwork(value);
            case DOMAIN -> canonicalDomain(value);
            case MAILBOX -> canonicalMailbox(value);
        });
    }

    private static String canonicalNetwork(String value) {
        int slash = value.indexOf('/');
        String address = slash < 0 ? value : value.substring(0, slash);
        if (!InetAddresses.isInetAddress(address)) {
            throw new InvalidDenyEntryException("'" + value + "' is not an IP address or CIDR network (192.0.2.0/24, 2001:db8::/32)");
        }
        InetAddress parsed = InetAddresses.forString(address);
        int maximum = parsed.getAddress().length * 8;
        int prefix = maximum;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(value.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > maximum) {
                throw new InvalidDenyEntryException("'" + value + "': the prefix length must be 0 to " + maximum);
            }
        }
        return InetAddresses.toAddrString(Networks.masked(parsed, prefix)) + "/" + prefix;
    }

    private static String canonicalDomain(String value) {
        boolean subdomains = value.startsWith(".");
        String name = subdomains ? value.substring(1) : value;
        try {
            Domain domain = Domain.of(name);
            if (name.isEmpty() || name.contains("@") || name.contains(" ")) {
                throw new IllegalArgumentException();
            }
            return (subdomains ? "." : "") + domain.asString().toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new InvalidDenyEntryException("'" + value + "' is not a domain (example.com, or .example.com for its subdomains too)");
        }
    }

    private static String canonicalMailbox(String value) {
        try {
            return new MailAddress(value).asString().toLowerCase(Locale.ROOT);
        } catch (Exception e) {
            throw new InvalidDenyEntryException("'" + value + "' is not a mail address (user@example.com)");
        }
    }
}
