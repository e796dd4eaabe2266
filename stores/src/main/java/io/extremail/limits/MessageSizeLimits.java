package io.extremail.limits;

import java.time.Duration;

import javax.inject.Inject;

import org.apache.james.core.Domain;
import org.apache.james.core.Username;

import com.google.common.cache.CacheBuilder;
import com.google.common.cache.CacheLoader;
import com.google.common.cache.LoadingCache;

import reactor.core.publisher.Mono;

/**
 * The size limits that apply to a user (its own, else its domain's), cached so that SMTP commands do not wait for
 * Cassandra: a change made through this node applies at once, one made on another node within {@link #EXPIRY}. The
 * domain's limits are kept apart, for half of it (a user's entry may be built from one up to that old): mail to many
 * users of a domain reads them once, not once per user.
 */
public class MessageSizeLimits {
    public static final Duration EXPIRY = Duration.ofSeconds(10);
    private static final int MAXIMUM_ENTRIES = 100_000;

    private final SizeLimitStore store;
    private final LoadingCache<Username, SizeLimits> effective;
    private final LoadingCache<Domain, SizeLimits> domains;

    @Inject
    public MessageSizeLimits(SizeLimitStore store) {
        this.store = store;
        this.effective = CacheBuilder.newBuilder()
            .maximumSize(MAXIMUM_ENTRIES)
            .expireAfterWrite(EXPIRY.dividedBy(2))
            .build(CacheLoader.from(this::resolve));
        this.domains = CacheBuilder.newBuilder()
            .maximumSize(MAXIMUM_ENTRIES)
            .expireAfterWrite(EXPIRY.dividedBy(2))
            .build(CacheLoader.from(domain -> store.ofDomain(domain).block()));
    }

    public SizeLimits of(Username user) {
        return effective.getUnchecked(user);
    }

    public Mono<Void> setUser(Username user, SizeLimits limits) {
        return store.setUser(user, limits).doOnSuccess(done -> effective.invalidate(user));
    }

    public Mono<Void> setDomain(Domain domain, SizeLimits limits) {
        return store.setDomain(domain, limits).doOnSuccess(done -> {
            domains.invalidate(domain);
            effective.invalidateAll();
        });
    }

    public Mono<SizeLimits> ownLimitsOf(Username user) {
        return store.ofUser(user);
    }

    public Mono<SizeLimits> ownLimitsOf(Domain domain) {
        return store.ofDomain(domain);
    }

    private SizeLimits resolve(Username user) {
        SizeLimits own = store.ofUser(user).block();
        SizeLimits domain = user.getDomainPart().map(domains::getUnchecked).orElse(SizeLimits.NONE);
        return own.orElse(domain);
    }
}
