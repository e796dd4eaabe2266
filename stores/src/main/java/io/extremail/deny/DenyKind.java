package io.extremail.deny;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * eXtremail's six deny lists. IN kinds judge inbound mail by its origin, OUT kinds outbound mail by its destination.
 */
public enum DenyKind {
    /** Connecting client address (CIDR): refused at connect with 554. */
    IPIN(ValueType.NETWORK),
    /** Destination mail server address (CIDR): remote delivery never connects to it. */
    IPOUT(ValueType.NETWORK),
    /** Envelope sender domain: 550 at MAIL FROM. */
    DOMAININ(ValueType.DOMAIN),
    /** Recipient domain of relayed mail: 550 at RCPT. */
    DOMAINOUT(ValueType.DOMAIN),
    /** Envelope sender address: 550 at MAIL FROM. */
    MAILBOXIN(ValueType.MAILBOX),
    /** Recipient address of relayed mail: 550 at RCPT. */
    MAILBOXOUT(ValueType.MAILBOX);

    public enum ValueType { NETWORK, DOMAIN, MAILBOX }

    private final ValueType valueType;

    DenyKind(ValueType valueType) {
        this.valueType = valueType;
    }

    public ValueType valueType() {
        return valueType;
    }

    /** Case-insensitive, as operators type them: {@code ipin}, {@code IPIN}. */
    public static Optional<DenyKind> parse(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(kind -> kind.name().equals(upper)).findFirst();
    }
}
