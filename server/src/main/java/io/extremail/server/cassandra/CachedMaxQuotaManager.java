package io.extremail.server.cassandra;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import javax.inject.Inject;
import javax.inject.Singleton;

import org.apache.james.core.Domain;
import org.apache.james.core.quota.QuotaCountLimit;
import org.apache.james.core.quota.QuotaSizeLimit;
import org.apache.james.mailbox.cassandra.quota.CassandraGlobalMaxQuotaDao;
import org.apache.james.mailbox.cassandra.quota.CassandraPerDomainMaxQuotaDao;
import org.apache.james.mailbox.cassandra.quota.CassandraPerUserMaxQuotaDao;
import org.apache.james.mailbox.cassandra.quota.CassandraPerUserMaxQuotaManager;
import org.apache.james.mailbox.model.Quota;
import org.apache.james.mailbox.model.QuotaRoot;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;

import reactor.core.publisher.Mono;

/**
 * James's quota limits in Cassandra (user, domain, global), with the limits of each quota root kept in memory for
 * {@link #TIME_TO_LIVE}: every message would otherwise read the three limit tables four times (SMTP RCPT, the
 * IsOverQuota matcher, the append, the usage update). A change made through this server applies at once; made
 * through another server of the cluster, within {@link #TIME_TO_LIVE}. Usage is kept apart
 * ({@link CachedCurrentQuotaManager}).
 */
@Singleton
public class CachedMaxQuotaManager extends CassandraPerUserMaxQuotaManager {
    static final Duration TIME_TO_LIVE = Duration.ofSeconds(10);

    private final Cache<QuotaRoot, QuotaDetails> limits = CacheBuilder.newBuilder()
        .expireAfterWrite(TIME_TO_LIVE)
        .maximumSize(100_000)
        .build();
    /** Bumped by every change, so that a read started before a change does not cache what it read. */
    private final AtomicLong generation = new AtomicLong();

    @Inject
    public CachedMaxQuotaManager(CassandraPerUserMaxQuotaDao perUserQuota, CassandraPerDomainMaxQuotaDao domainQuota,
                                 CassandraGlobalMaxQuotaDao globalQuota) {
        super(perUserQuota, domainQuota, globalQuota);
    }

    @Override
    public Mono<QuotaDetails> quotaDetailsReactive(QuotaRoot quotaRoot) {
        QuotaDetails cached = limits.getIfPresent(quotaRoot);
        if (cached != null) {
            return Mono.just(cached);
        }
        long readAt = generation.get();
        return super.quotaDetailsReactive(quotaRoot).doOnNext(details -> {
            if (generation.get() == readAt) {
                limits.put(quotaRoot, details);
            }
        });
    }

    @Override
    public Mono<Map<Quota.Scope, QuotaCountLimit>> listMaxMessagesDetailsReactive(QuotaRoot quotaRoot) {
        return quotaDetailsReactive(quotaRoot).map(QuotaDetails::getMaxMessageDetails);
    }

    @Override
    public Mono<Map<Quota.Scope, QuotaSizeLimit>> listMaxStorageDetailsReactive(QuotaRoot quotaRoot) {
        return quotaDetailsReactive(quotaRoot).map(QuotaDetails::getMaxStorageDetails);
    }

    @Override
    public Mono<Void> setMaxStorageReactive(QuotaRoot quotaRoot, QuotaSizeLimit maxStorageQuota) {
        return changing(super.setMaxStorageReactive(quotaRoot, maxStorageQuota));
    }

    @Override
    public Mono<Void> setMaxMessageReactive(QuotaRoot quotaRoot, QuotaCountLimit maxMessageCount) {
        return changing(super.setMaxMessageReactive(quotaRoot, maxMessageCount));
    }

    @Override
    public Mono<Void> removeMaxMessageReactive(QuotaRoot quotaRoot) {
        return changing(super.removeMaxMessageReactive(quotaRoot));
    }

    @Override
    public Mono<Void> removeMaxStorageReactive(QuotaRoot quotaRoot) {
        return changing(super.removeMaxStorageReactive(quotaRoot));
    }

    @Override
    public Mono<Void> setDomainMaxMessageReactive(Domain domain, QuotaCountLimit count) {
        return changing(super.setDomainMaxMessageReactive(domain, count));
    }

    @Override
    public Mono<Void> setDomainMaxStorageReactive(Domain domain, QuotaSizeLimit size) {
        return changing(super.setDomainMaxStorageReactive(domain, size));
    }

    @Override
    public Mono<Void> removeDomainMaxMessageReactive(Domain domain) {
        return changing(super.removeDomainMaxMessageReactive(domain));
    }

    @Override
    public Mono<Void> removeDomainMaxStorageReactive(Domain domain) {
        return changing(super.removeDomainMaxStorageReactive(domain));
    }

    @Override
    public Mono<Void> setGlobalMaxStorageReactive(QuotaSizeLimit globalMaxStorage) {
        return changing(super.setGlobalMaxStorageReactive(globalMaxStorage));
    }

    @Override
    public Mono<Void> removeGlobalMaxStorageReactive() {
        return changing(super.removeGlobalMaxStorageReactive());
    }

    @Override
    public Mono<Void> setGlobalMaxMessageReactive(QuotaCountLimit globalMaxMessageCount) {
        return changing(super.setGlobalMaxMessageReactive(globalMaxMessageCount));
    }

    @Override
    public Mono<Void> removeGlobalMaxMessageReactive() {
        return changing(super.removeGlobalMaxMessageReactive());
    }

    /** A domain or global limit concerns many roots: every cached limit is dropped, on success or failure alike. */
    private Mono<Void> changing(Mono<Void> change) {
        return change.doFinally(signal -> {
            generation.incrementAndGet();
            limits.invalidateAll();
        });
    }
}
