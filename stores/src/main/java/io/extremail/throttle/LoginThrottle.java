package io.extremail.throttle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed logins per client (an address, or a user name where the address is unknown): after
 * {@code failuresBeforeBan} failures in a row the client is banned for {@code ban}; a successful login clears its
 * count. Used by the console, and by SMTP AUTH, IMAP and POP3 together.
 */
public class LoginThrottle {
    /** Above this many clients with failures, those whose last failure is older than the ban are forgotten. */
    private static final int FORGET_ABOVE = 10_000;

    private record Failures(int count, Instant last, Instant bannedUntil) {
    }

    private final int failuresBeforeBan;
    private final Duration ban;
    private final Clock clock;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    public LoginThrottle(int failuresBeforeBan, Duration ban, Clock clock) {
        this.failuresBeforeBan = failuresBeforeBan;
        this.ban = ban;
        this.clock = clock;
    }

    public int failuresBeforeBan() {
        return failuresBeforeBan;
    }

    public Duration ban() {
        return ban;
    }

    /** How long the client stays banned, if it is. */
    public Optional<Duration> banned(String client) {
        Failures current = failures.get(client);
        if (current == null || current.bannedUntil() == null) {
            return Optional.empty();
        }
        Duration left = Duration.between(clock.instant(), current.bannedUntil());
        if (left.isNegative() || left.isZero()) {
            failures.remove(client);
            return Optional.empty();
        }
        return Optional.of(left);
    }

    public void failed(String client) {
        Instant now = clock.instant();
        if (failures.size() > FORGET_ABOVE) {
            failures.values().removeIf(entry -> entry.last().plus(ban).isBefore(now));
        }
        failures.compute(client, (key, current) -> {
            int count = current == null ? 1 : current.count() + 1;
            return new Failures(count, now, count >= failuresBeforeBan ? now.plus(ban) : null);
        });
    }

    public void succeeded(String client) {
        failures.remove(client);
    }
}
