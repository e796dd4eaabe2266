package io.extremail.server.cassandra;

import org.apache.james.backends.cassandra.components.CassandraModule;
import org.apache.james.events.EventListener;
import org.apache.james.mailbox.cassandra.quota.CassandraCurrentQuotaManager;
import org.apache.james.mailbox.quota.CurrentQuotaManager;
import org.apache.james.mailbox.quota.MaxQuotaManager;
import org.apache.james.mailbox.quota.QuotaManager;
import org.apache.james.mailbox.quota.QuotaRootDeserializer;
import org.apache.james.mailbox.quota.QuotaRootResolver;
import org.apache.james.mailbox.quota.UserQuotaRootResolver;
import org.apache.james.mailbox.store.quota.DefaultUserQuotaRootResolver;
import org.apache.james.mailbox.store.quota.QuotaUpdater;
import org.apache.james.mailbox.store.quota.StoreQuotaManager;
import org.apache.james.quota.search.QuotaSearcher;
import org.apache.james.quota.search.scanning.ScanningQuotaSearcher;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;
import com.google.inject.multibindings.Multibinder;

/** Storage quotas (global, per domain, per user) and current usage, in Cassandra. */
public class CassandraQuotaModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(DefaultUserQuotaRootResolver.class).in(Scopes.SINGLETON);
        bind(CachedMaxQuotaManager.class).in(Scopes.SINGLETON);
        bind(CassandraCurrentQuotaManager.class).in(Scopes.SINGLETON);
        bind(CachedCurrentQuotaManager.class).in(Scopes.SINGLETON);
        bind(StoreQuotaManager.class).in(Scopes.SINGLETON);
        bind(CurrentQuotaUpdater.class).in(Scopes.SINGLETON);

        bind(UserQuotaRootResolver.class).to(DefaultUserQuotaRootResolver.class);
        bind(QuotaRootResolver.class).to(DefaultUserQuotaRootResolver.class);
        bind(QuotaRootDeserializer.class).to(DefaultUserQuotaRootResolver.class);
        bind(MaxQuotaManager.class).to(CachedMaxQuotaManager.class);
        bind(CurrentQuotaManager.class).to(CachedCurrentQuotaManager.class);
        bind(QuotaManager.class).to(StoreQuotaManager.class);
        bind(QuotaUpdater.class).to(CurrentQuotaUpdater.class);
        // WebAdmin's quota search walks the users: no search engine to keep in sync.
        bind(ScanningQuotaSearcher.class).in(Scopes.SINGLETON);
        bind(QuotaSearcher.class).to(ScanningQuotaSearcher.class);

        Multibinder.newSetBinder(binder(), EventListener.ReactiveGroupEventListener.class)
            .addBinding().to(CurrentQuotaUpdater.class);
        Multibinder.newSetBinder(binder(), CassandraModule.class)
            .addBinding().toInstance(org.apache.james.mailbox.cassandra.modules.CassandraQuotaModule.MODULE);
    }
}
