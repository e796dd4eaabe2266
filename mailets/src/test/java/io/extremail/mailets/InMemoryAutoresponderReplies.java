package io.extremail.mailets;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.apache.james.core.MailAddress;

import io.extremail.cassandra.autoresponder.AutoresponderReplies;
import reactor.core.publisher.Mono;

/** A store for unit tests of the mailet only, on the test's clock; the server uses the Cassandra one. */
class InMemoryAutoresponderReplies implements AutoresponderReplies {
    private final Map<String, Instant> expiries = new ConcurrentHashMap<>();
    private final Supplier<Instant> clock;

    InMemoryAutoresponderReplies(Supplier<Instant> clock) {
        this.clock = clock;
    }

    @Override
    public Mono<Boolean> claim(MailAddress user, MailAddress sender, Duration interval) {
        return Mono.fromCallable(() -> {
            Instant now = clock.get();
            Instant expiry = now.plus(interval);
            Instant current = expiries.merge(user.asString() + " " + sender.asString(), expiry,
                (previous, next) -> previous.isAfter(now) ? previous : next);
            return current == expiry;
        });
    }
}
