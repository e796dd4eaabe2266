package io.extremail.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.james.core.Domain;
import org.apache.james.core.Username;
import org.junit.jupiter.api.Test;

import reactor.core.publisher.Mono;

class MessageSizeLimitsTest {
    private static final Domain DOMAIN = Domain.of("example.com");

    /** In memory, counting the reads of each level. */
    private static final class CountingStore implements SizeLimitStore {
        final Map<String, SizeLimits> entries = new ConcurrentHashMap<>();
        final AtomicInteger userReads = new AtomicInteger();
        final AtomicInteger domainReads = new AtomicInteger();

        @Override
        public Mono<SizeLimits> ofUser(Username user) {
            userReads.incrementAndGet();
            return Mono.just(entries.getOrDefault("user:" + user.asString(), SizeLimits.NONE));
        }

        @Override
        public Mono<SizeLimits> ofDomain(Domain domain) {
            domainReads.incrementAndGet();
            return Mono.just(entries.getOrDefault("domain:" + domain.asString(), SizeLimits.NONE));
        }

        @Override
        public Mono<Void> setUser(Username user, SizeLimits limits) {
            return Mono.fromRunnable(() -> entries.put("user:" + user.asString(), limits));
        }

        @Override
        public Mono<Void> setDomain(Domain domain, SizeLimits limits) {
            return Mono.fromRunnable(() -> entries.put("domain:" + domain.asString(), limits));
        }
    }

    private final CountingStore store = new CountingStore();
    private final MessageSizeLimits limits = new MessageSizeLimits(store);

    private static SizeLimits incoming(long bytes) {
        return new SizeLimits(Optional.of(bytes), Optional.empty());
    }

    @Test
    void theDomainsLimitsAreReadOnceForManyOfItsUsers() {
        store.entries.put("domain:example.com", incoming(1000));
        for (int i = 0; i < 50; i++) {
            assertThat(limits.of(Username.of("user" + i + "@example.com")).maxIncoming()).contains(1000L);
        }
        assertThat(store.userReads).hasValue(50);
        assertThat(store.domainReads).hasValue(1);
    }

    @Test
    void aUsersOwnLimitGoesBeforeItsDomains() {
        store.entries.put("domain:example.com", new SizeLimits(Optional.of(1000L), Optional.of(2000L)));
        store.entries.put("user:alice@example.com", incoming(500));
        assertThat(limits.of(Username.of("alice@example.com"))).isEqualTo(new SizeLimits(Optional.of(500L), Optional.of(2000L)));
    }

    @Test
    void aDomainChangeThroughThisServerAppliesAtOnceToItsUsers() {
        Username bob = Username.of("bob@example.com");
        assertThat(limits.of(bob)).isEqualTo(SizeLimits.NONE);
        limits.setDomain(DOMAIN, incoming(3000)).block();
        assertThat(limits.of(bob).maxIncoming()).contains(3000L);
        limits.setUser(bob, incoming(100)).block();
        assertThat(limits.of(bob).maxIncoming()).contains(100L);
    }
}
