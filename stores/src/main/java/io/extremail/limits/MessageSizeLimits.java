package io.extremail.limits;

import java.time.Duration;
import java.util.function.Function;

import javax.inject.Inject;

import org.apache.james.core.Domain;
import org.apache.james.core.Username;

import com.google.common.cache.CacheBuilder;
import com.google.common.cache.CacheLoader;
import com.google.common.cache.LoadingCache;

import reactor.core.publisher.Mono;

/**
 * The size limits that apply to a user (its own, else its domain's), cached so that SMTP commands do not wait for
 * Cassandra: a change made through this node applies at once, one made on another node within {@link #EXPIRY}. Each
 * user's own limits and each domain's are kept apart: mail to many users of a domain reads the domain's once.
 */
public class MessageSizeLimits {
    public static final Duration EXPIRY = Duration.ofSeconds(10);
    private static final int MAXIMUM_ENTRIES = 100_000;

    private final SizeLimitStore store;
    private final LoadingCache<Username, SizeLimits> users;
    private final LoadingCache<Domain, SizeLimits> domains;

    @Inject
    public MessageSizeLimits(SizeLimitStore store) {
        this.store = store;
        this.users = cache(user -> store.ofUser(user).block());
        this.domains = cache(domain -> store.ofDomain(domain).block());
    }

    private static <K> LoadingCache<K, SizeLimits> cache(Function<K, SizeLimits> read) {
        return CacheBuilder.newBuilder()
            .maximumSize(MAXIMUM_ENTRIES)
            .expireAfterWrite(EXPIRY)
            .build(CacheLoader.from(read::apply));
    }

    public SizeLimits of(Username user) {
        SizeLimits domain = user.getDomainPart().map(domains::getUnchecked).orElse(SizeLimits.NONE);
        return users.getUnchecked(user).orElse(domain);
    }

    public Mono<Void> setUser(Username user, SizeLimits limits) {
        return store.setUser(user, limits).doOnSuccess(done -> users.invalidate(user));
    }

    public Mono<Void> setDomain(Domain domain, SizeLimits limits) {
        return store.setDomain(domain, limits).doOnSuccess(done -> domains.invalidate(domain));
    }

    public Mono<SizeLimits> ownLimitsOf(Username user) {
        return store.ofUser(user);
    }

    public Mono<SizeLimits> ownLimitsOf(Domain domain) {
        return store.ofDomain(domain);
    }
}
