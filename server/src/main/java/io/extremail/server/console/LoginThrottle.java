package io.extremail.server.console;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed console logins per client address: after {@code failuresBeforeBan} failures in a row the address is banned
 * for {@code ban}; a successful login clears its count.
 */
public class LoginThrottle {
    private record Failures(int count, Instant bannedUntil) {
    }

    private final int failuresBeforeBan;
    private final Duration ban;
    private final Clock clock;
    private final Map<InetAddress, Failures> failures = new ConcurrentHashMap<>();

    public LoginThrottle(int failuresBeforeBan, Duration ban, Clock clock) {
        this.failuresBeforeBan = failuresBeforeBan;
        this.ban = ban;
        this.clock = clock;
    }

    /** How long the address stays banned, if it is. */
    public Optional<Duration> banned(InetAddress address) {
        Failures current = failures.get(address);
        if (current == null || current.bannedUntil() == null) {
            return Optional.empty();
        }
        Duration left = Duration.between(clock.instant(), current.bannedUntil());
        if (left.isNegative() || left.isZero()) {
            failures.remove(address);
            return Optional.empty();
        }
        return Optional.of(left);
    }

    public void failed(InetAddress address) {
        failures.compute(address, (key, current) -> {
            int count = current == null ? 1 : current.count() + 1;
            return new Failures(count, count >= failuresBeforeBan ? clock.instant().plus(ban) : null);
        });
    }

    public void succeeded(InetAddress address) {
        failures.remove(address);
    }
}
