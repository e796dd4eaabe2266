package io.extremail.server.deny;

import org.apache.james.backends.cassandra.components.CassandraModule;
import org.apache.james.webadmin.Routes;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;
import com.google.inject.multibindings.Multibinder;

import io.extremail.cassandra.deny.CassandraDenyListModule;
import io.extremail.cassandra.snapshot.CassandraSnapshotVersionsModule;
import io.extremail.cassandra.deny.CassandraDenyListStore;
import io.extremail.deny.DenyList;
import io.extremail.deny.DenyListStore;

/**
 * The deny lists: rules in Cassandra, one cached {@link DenyList} shared by the SMTP hooks and the matchers named in
 * smtpserver.xml and mailetcontainer.xml, and the WebAdmin routes under {@code /deny}.
 */
public class DenyListModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(CassandraDenyListStore.class).in(Scopes.SINGLETON);
        bind(DenyListStore.class).to(CassandraDenyListStore.class);
        bind(DenyList.class).in(Scopes.SINGLETON);
        Multibinder<CassandraModule> tables = Multibinder.newSetBinder(binder(), CassandraModule.class);
        tables.addBinding().toInstance(CassandraDenyListModule.MODULE);
        tables.addBinding().toInstance(CassandraSnapshotVersionsModule.MODULE);
        Multibinder.newSetBinder(binder(), Routes.class).addBinding().to(DenyListRoutes.class);
    }
}
