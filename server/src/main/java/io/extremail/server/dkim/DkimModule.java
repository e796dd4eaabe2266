package io.extremail.server.dkim;

import org.apache.james.backends.cassandra.components.CassandraModule;
import org.apache.james.webadmin.Routes;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;
import com.google.inject.multibindings.Multibinder;

import io.extremail.cassandra.dkim.CassandraDkimKeyModule;
import io.extremail.cassandra.dkim.CassandraDkimKeyStore;
import io.extremail.dkim.DkimKeyStore;
import io.extremail.server.console.CommandGroup;

/**
 * DKIM signing keys: kept in Cassandra, read by the DkimSign mailet of mailetcontainer.xml, managed under
 * {@code /dkim} and with the console's DKIM verbs.
 */
public class DkimModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(CassandraDkimKeyStore.class).in(Scopes.SINGLETON);
        bind(DkimKeyStore.class).to(CassandraDkimKeyStore.class);
        bind(DkimAdministration.class).in(Scopes.SINGLETON);
        Multibinder.newSetBinder(binder(), CassandraModule.class).addBinding().toInstance(CassandraDkimKeyModule.MODULE);
        Multibinder.newSetBinder(binder(), Routes.class).addBinding().to(DkimRoutes.class);
        Multibinder.newSetBinder(binder(), CommandGroup.class).addBinding().to(DkimCommands.class);
    }
}
