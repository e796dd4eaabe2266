package io.extremail.server.cassandra;

import java.time.Duration;
import java.util.function.UnaryOperator;

import javax.inject.Inject;
import javax.inject.Singleton;

import org.apache.james.core.quota.QuotaCountUsage;
import org.apache.james.core.quota.QuotaSizeUsage;
import org.apache.james.mailbox.cassandra.quota.CassandraCurrentQuotaManager;
import org.apache.james.mailbox.model.CurrentQuotas;
import org.apache.james.mailbox.model.QuotaOperation;
import org.apache.james.mailbox.model.QuotaRoot;
import org.apache.james.mailbox.quota.CurrentQuotaManager;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;

import reactor.core.publisher.Mono;

/**
 * James's quota usage (message count and bytes per quota root, Cassandra counters), read at most once per
 * {@link #TIME_TO_LIVE} per quota root: a delivered message read it three times (SMTP RCPT, the IsOverQuota matcher,
 * the append's quota check). The changes made through this server (messages added, expunged, a recount) apply to the
 * kept usage at once, so it does not lag this server's own deliveries, beyond those under way at the moment it was
 * read: the same few messages by which concurrent deliveries can already overshoot a quota, each checking before the
 * others are counted. A change made through another server of the cluster is seen within {@link #TIME_TO_LIVE}.
 */
@Singleton
public class CachedCurrentQuotaManager implements CurrentQuotaManager {
    static final Duration TIME_TO_LIVE = Duration.ofSeconds(1);
    private static final int MAX_QUOTA_ROOTS = 100_000;

    /** Usage as read at readAtNanos, plus this server's changes since: changes do not extend its life. */
    private record Usage(CurrentQuotas quotas, long readAtNanos) {
        boolean isFresh() {
            return System.nanoTime() - readAtNanos < TIME_TO_LIVE.toNanos();
        }
    }

    private final CassandraCurrentQuotaManager cassandra;
    private final Cache<QuotaRoot, Usage> usages = CacheBuilder.newBuilder()
        .expireAfterAccess(TIME_TO_LIVE)
        .maximumSize(MAX_QUOTA_ROOTS)
        .build();

    @Inject
    public CachedCurrentQuotaManager(CassandraCurrentQuotaManager cassandra) {
        this.cassandra = cassandra;
    }

    @Override
    public Mono<CurrentQuotas> getCurrentQuotas(QuotaRoot quotaRoot) {
        return Mono.defer(() -> {
            Usage known = usages.getIfPresent(quotaRoot);
            if (known != null && known.isFresh()) {
                return Mono.just(known.quotas());
            }
            long readAtNanos = System.nanoTime();
            return cassandra.getCurrentQuotas(quotaRoot)
                .doOnNext(quotas -> usages.put(quotaRoot, new Usage(quotas, readAtNanos)));
        });
    }

    @Override
    public Mono<QuotaCountUsage> getCurrentMessageCount(QuotaRoot quotaRoot) {
        return getCurrentQuotas(quotaRoot).map(CurrentQuotas::count);
    }

    @Override
    public Mono<QuotaSizeUsage> getCurrentStorage(QuotaRoot quotaRoot) {
        return getCurrentQuotas(quotaRoot).map(CurrentQuotas::size);
    }

    @Override
    public Mono<Void> increase(QuotaOperation operation) {
        return cassandra.increase(operation)
            .then(Mono.fromRunnable(() -> adjust(operation.quotaRoot(), quotas -> quotas.increase(CurrentQuotas.from(operation)))));
    }

    @Override
    public Mono<Void> decrease(QuotaOperation operation) {
        return cassandra.decrease(operation)
            .then(Mono.fromRunnable(() -> adjust(operation.quotaRoot(), quotas -> quotas.decrease(CurrentQuotas.from(operation)))));
    }

    @Override
    public Mono<Void> setCurrentQuotas(QuotaOperation operation) {
        return Mono.defer(() -> {
                usages.invalidate(operation.quotaRoot());
                return cassandra.setCurrentQuotas(operation);
            })
            .doFinally(signal -> usages.invalidate(operation.quotaRoot()));
    }

    private void adjust(QuotaRoot quotaRoot, UnaryOperator<CurrentQuotas> change) {
        usages.asMap().computeIfPresent(quotaRoot, (root, usage) -> new Usage(change.apply(usage.quotas()), usage.readAtNanos()));
    }
}
