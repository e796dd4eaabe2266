package io.extremail.server.copy;

import org.apache.james.backends.cassandra.components.CassandraModule;
import org.apache.james.webadmin.Routes;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;
import com.google.inject.multibindings.Multibinder;

import io.extremail.cassandra.copy.CassandraMailCopyModule;
import io.extremail.cassandra.copy.CassandraMailCopyStore;
import io.extremail.copy.MailCopyStore;

/**
 * Copy of all received (and optionally sent) mail: the copy addresses in Cassandra, read by the CopyReceivedMail
 * and CopySentMail mailets of mailetcontainer.xml, managed under {@code /copies}.
 */
public class MailCopyModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(CassandraMailCopyStore.class).in(Scopes.SINGLETON);
        bind(CachedMailCopyStore.class).in(Scopes.SINGLETON);
        bind(MailCopyStore.class).to(CachedMailCopyStore.class);
        Multibinder.newSetBinder(binder(), CassandraModule.class).addBinding().toInstance(CassandraMailCopyModule.MODULE);
        Multibinder.newSetBinder(binder(), Routes.class).addBinding().to(MailCopyRoutes.class);
    }
}
