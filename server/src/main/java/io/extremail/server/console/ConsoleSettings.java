package io.extremail.server.console;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;

import org.apache.commons.configuration2.Configuration;

import io.extremail.server.InvalidConfigurationException;
import io.extremail.server.conf.PropertiesValues;

/** {@code conf/console.properties}: where the operator console listens and how it defends itself. */
public record ConsoleSettings(boolean enabled, String bind, int port, int maxLineLength, int idleTimeoutSeconds,
                             int maxSessions, int failedLoginsBeforeBan, int banSeconds,
                             boolean tls, Path keystore, String keystoreSecret) {
    static final String FILE = "conf/console.properties";
    private static final Set<String> KEYS = Set.of("enabled", "bind", "port", "maxLineLength", "idleTimeout", "maxSessions",
        "failedLoginsBeforeBan", "banSeconds", "tls.enabled", "tls.keystore", "tls.secret");

    public static ConsoleSettings defaults(Path home) {
        return new ConsoleSettings(true, "127.0.0.1", 4501, 4096, 600, 8, 5, 300, false, home.resolve("conf/keystore"), "extremail");
    }

    public static ConsoleSettings from(Configuration properties, Path home) {
        for (Iterator<String> keys = properties.getKeys(); keys.hasNext(); ) {
            String key = keys.next();
            if (!KEYS.contains(key)) {
                throw new InvalidConfigurationException(FILE + ": '" + key + "' is not a setting (" + String.join(", ", KEYS.stream().sorted().toList()) + ")");
            }
        }
        ConsoleSettings defaults = defaults(home);
        return new ConsoleSettings(
            bool(properties, "enabled", defaults.enabled()),
            properties.getString("bind", defaults.bind()).strip(),
            number(properties, "port", defaults.port(), 1, 65535),
            number(properties, "maxLineLength", defaults.maxLineLength(), 64, 1_048_576),
            number(properties, "idleTimeout", defaults.idleTimeoutSeconds(), 1, 86_400),
            number(properties, "maxSessions", defaults.maxSessions(), 1, 1000),
            number(properties, "failedLoginsBeforeBan", defaults.failedLoginsBeforeBan(), 1, 1000),
            number(properties, "banSeconds", defaults.banSeconds(), 0, 86_400),
            bool(properties, "tls.enabled", defaults.tls()),
            home.resolve(properties.getString("tls.keystore", "conf/keystore").strip()),
            properties.getString("tls.secret", defaults.keystoreSecret()));
    }

    public ConsoleSettings withPort(int newPort) {
        return new ConsoleSettings(enabled, bind, newPort, maxLineLength, idleTimeoutSeconds, maxSessions, failedLoginsBeforeBan,
            banSeconds, tls, keystore, keystoreSecret);
    }

    private static int number(Configuration properties, String key, int defaultValue, int minimum, int maximum) {
        return PropertiesValues.wholeNumber(FILE, properties, key, defaultValue, minimum, maximum);
    }

    private static boolean bool(Configuration properties, String key, boolean defaultValue) {
        String raw = properties.getString(key, null);
        if (raw == null) {
            return defaultValue;
        }
        return switch (raw.strip().toLowerCase()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidConfigurationException(FILE + ": " + key + ": '" + raw + "' must be true or false");
        };
    }
}
