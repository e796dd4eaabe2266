package io.extremail.snapshot;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;

import reactor.core.publisher.Mono;

/**
 * The answers of a per-key lookup that every message makes (has this user a copy address, a vacation?), kept for
 * {@link #TIME_TO_LIVE}, "nothing" included: the common answer, and the one a cache of positive answers would read
 * again for each message. The store invalidates a key when it changes it through this node, so such a change applies
 * to the next message; one made through another node of the cluster applies within {@link #TIME_TO_LIVE}.
 */
public final class RecentAnswers<K, V> {
    public static final Duration TIME_TO_LIVE = Duration.ofSeconds(10);
    private static final int MAXIMUM_KEYS = 100_000;

    private final Cache<K, Optional<V>> answers = CacheBuilder.newBuilder()
        .expireAfterWrite(TIME_TO_LIVE)
        .maximumSize(MAXIMUM_KEYS)
        .build();

    /** The cached answer for the key, else the lookup's, remembered. A failed lookup is not remembered. */
    public Mono<V> get(K key, Function<K, Mono<V>> lookup) {
        Optional<V> known = answers.getIfPresent(key);
        if (known != null) {
            return Mono.justOrEmpty(known);
        }
        return lookup.apply(key)
            .map(Optional::of)
            .defaultIfEmpty(Optional.empty())
            .doOnNext(answer -> answers.put(key, answer))
            .flatMap(Mono::justOrEmpty);
    }

    public void forget(K key) {
        answers.invalidate(key);
    }
}
