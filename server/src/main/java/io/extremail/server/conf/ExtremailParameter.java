package io.extremail.server.conf;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import com.google.common.net.InetAddresses;

import io.extremail.server.Sizes;

/**
 * The parameters of eXtremail's {@code eXtremail.conf} we accept, each with the James setting it overrides and a
 * check of its value. {@link #normalize} returns the value in the form applied, or throws naming the problem.
 */
public enum ExtremailParameter {
    ThreadsSMTP("SMTP worker threads of every SMTP listener: <ioWorkerCount> in smtpserver.xml", value -> number(value, 1, 256)),
    ThreadsQueue("threads delivering to other servers: RemoteDelivery <deliveryThreads> in mailetcontainer.xml", value -> number(value, 1, 256)),
    LocalIP("networks allowed to relay without AUTH, besides 127.0.0.0/8: <authorizedAddresses> in smtpserver.xml; "
        + "net/bits or net/dotted-mask, several separated by commas", ExtremailParameter::networks),
    PortSMTP("port of the MX listener (smtpserver-mx) in smtpserver.xml", value -> number(value, 1, 65535)),
    PortPOP3("port of the POP3 listener (pop3server) in pop3server.xml", value -> number(value, 1, 65535)),
    PortIMAP("port of the IMAP listener (imapserver) in imapserver.xml", value -> number(value, 1, 65535)),
    PortAdmin("port of the operator console: port in console.properties", value -> number(value, 1, 65535)),
    MaxMailSizeIn("largest message accepted on the MX listener, bytes or with K, M: <maxmessagesize> of smtpserver-mx", ExtremailParameter::kilobytes),
    MaxMailSizeOut("largest message users may send (submission and SMTPS listeners), bytes or with K, M: their <maxmessagesize>", ExtremailParameter::kilobytes),
    DefaultQuota("global disk quota of every mailbox, bytes or with K, M, G, or UNLIMITED: set at each start (WebAdmin /quota)", ExtremailParameter::quota),
    QueueRetryMinutes("minutes between delivery attempts to other servers: RemoteDelivery <delayTime>", value -> number(value, 1, 10_080)),
    QueueMaxRetries("delivery attempts before the sender gets a failure DSN: RemoteDelivery <maxRetries>", value -> number(value, 0, 1000)),
    DNSServers("DNS servers for MX lookups, IP addresses separated by commas: <servers> in dnsservice.xml, autodiscovery off",
        ExtremailParameter::addresses),
    LogLevel("level of the server's log (DEBUG, INFO, WARN, ERROR): io.extremail and org.apache.james loggers", ExtremailParameter::level);

    @FunctionalInterface
    interface Normalizer {
        String normalize(String value);
    }

    private final String description;
    private final Normalizer normalizer;

    ExtremailParameter(String description, Normalizer normalizer) {
        this.description = description;
        this.normalizer = normalizer;
    }

    public String description() {
        return description;
    }

    /** The value as applied (sizes in kilobytes or bytes, lists comma-separated); throws with the reason. */
    public String normalize(String value) {
        return normalizer.normalize(value.strip());
    }

    /** Names compare case-insensitively, as eXtremail read them. */
    public static Optional<ExtremailParameter> named(String name) {
        return Arrays.stream(values()).filter(parameter -> parameter.name().equalsIgnoreCase(name.strip())).findFirst();
    }

    private static String number(String value, int minimum, int maximum) {
        try {
            int number = Integer.parseInt(value);
            if (number >= minimum && number <= maximum) {
                return String.valueOf(number);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("'" + value + "' is not a whole number from " + minimum + " to " + maximum);
    }

    private static long bytes(String value) {
        return Sizes.bytes(value).orElseThrow(() -> new IllegalArgumentException("'" + value + "' is not a size (e.g. 25000000, 500K, 25M)"));
    }

    /** James's <maxmessagesize> is in kilobytes: rounded up, so that the limit is never below the one asked for. */
    private static String kilobytes(String value) {
        long bytes = bytes(value);
        if (bytes < 1) {
            throw new IllegalArgumentException("'" + value + "' is no size: at least 1 byte");
        }
        return String.valueOf((bytes + 1023) / 1024);
    }

    private static String quota(String value) {
        return value.equalsIgnoreCase("UNLIMITED") ? "UNLIMITED" : String.valueOf(bytes(value));
    }

    private static String networks(String value) {
        List<String> networks = Arrays.stream(value.split("[,\\s]+")).filter(part -> !part.isBlank())
            .map(ExtremailParameter::network).toList();
        if (networks.isEmpty()) {
            throw new IllegalArgumentException("no network given");
        }
        return String.join(", ", networks);
    }

    private static String network(String value) {
        String[] parts = value.split("/", -1);
        if (parts.length > 2 || !InetAddresses.isInetAddress(parts[0])) {
            throw new IllegalArgumentException("'" + value + "' is not a network (net/bits or net/mask)");
        }
        InetAddress address = InetAddresses.forString(parts[0]);
        int maxBits = address.getAddress().length * 8;
        if (parts.length == 1) {
            return parts[0] + "/" + maxBits;
        }
        if (InetAddresses.isInetAddress(parts[1])) {
            return parts[0] + "/" + maskBits(parts[1], value);
        }
        return parts[0] + "/" + number(parts[1], 0, maxBits);
    }

    private static int maskBits(String mask, String value) {
        byte[] bytes = InetAddresses.forString(mask).getAddress();
        int bits = 0;
        boolean ended = false;
        for (byte b : bytes) {
            for (int bit = 7; bit >= 0; bit--) {
                boolean set = (b >> bit & 1) == 1;
                if (set && ended) {
                    throw new IllegalArgumentException("'" + value + "': " + mask + " is not a network mask");
                }
                if (set) {
                    bits++;
                } else {
                    ended = true;
                }
            }
        }
        return bits;
    }

    private static String addresses(String value) {
        List<String> servers = Arrays.stream(value.split("[,\\s]+")).filter(part -> !part.isBlank()).toList();
        for (String server : servers) {
            if (!InetAddresses.isInetAddress(server)) {
                throw new IllegalArgumentException("'" + server + "' is not an IP address");
            }
        }
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("no server given");
        }
        return String.join(", ", servers);
    }

    private static String level(String value) {
        List<String> levels = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");
        String upper = value.toUpperCase(Locale.ROOT);
        if (!levels.contains(upper)) {
            throw new IllegalArgumentException("'" + value + "' is not one of " + levels.stream().collect(Collectors.joining(", ")));
        }
        return upper;
    }
}
