package io.extremail.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-24T10:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    @Test
    void anAddressIsBannedAfterTheFailuresInARowForTheBanDuration() throws Exception {
        LoginThrottle throttle = new LoginThrottle(3, Duration.ofMinutes(5), clock);
        String attacker = "192.0.2.7";
        String operator = "192.0.2.8";

        throttle.failed(attacker);
        throttle.failed(attacker);
        assertThat(throttle.banned(attacker)).isEmpty();
        throttle.failed(attacker);

        assertThat(throttle.banned(attacker)).contains(Duration.ofMinutes(5));
        assertThat(throttle.banned(operator)).isEmpty();
        now.set(now.get().plus(Duration.ofMinutes(5)));
        assertThat(throttle.banned(attacker)).isEmpty();
    }

    @Test
    void aSuccessfulLoginClearsTheCount() throws Exception {
        LoginThrottle throttle = new LoginThrottle(2, Duration.ofMinutes(5), clock);
        String operator = "192.0.2.8";

        throttle.failed(operator);
        throttle.succeeded(operator);
        throttle.failed(operator);

        assertThat(throttle.banned(operator)).isEmpty();
    }
}
