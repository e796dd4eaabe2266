package io.extremail.server.limits;

import org.apache.james.backends.cassandra.components.CassandraModule;
import org.apache.james.webadmin.Routes;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;
import com.google.inject.multibindings.Multibinder;

import io.extremail.cassandra.limits.CassandraSizeLimitModule;
import io.extremail.cassandra.limits.CassandraSizeLimitStore;
import io.extremail.limits.MessageSizeLimits;
import io.extremail.limits.SizeLimitStore;

/**
 * Per-user and per-domain message size limits: stored in Cassandra, cached by {@link MessageSizeLimits} for the
 * MessageSizeLimitHook of smtpserver.xml and the MessageSizeOverRecipientLimit matcher, managed under
 * {@code /limits}.
 */
public class SizeLimitModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(CassandraSizeLimitStore.class).in(Scopes.SINGLETON);
        bind(SizeLimitStore.class).to(CassandraSizeLimitStore.class);
        bind(MessageSizeLimits.class).in(Scopes.SINGLETON);
        Multibinder.newSetBinder(binder(), CassandraModule.class).addBinding().toInstance(CassandraSizeLimitModule.MODULE);
        Multibinder.newSetBinder(binder(), Routes.class).addBinding().to(SizeLimitRoutes.class);
    }
}
