package io.extremail.server.mapping;

import org.apache.james.backends.cassandra.components.CassandraModule;
import org.apache.james.webadmin.Routes;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;
import com.google.inject.multibindings.Multibinder;

import io.extremail.cassandra.mapping.CassandraLoginMappingModule;
import io.extremail.cassandra.mapping.CassandraLoginMappingStore;
import io.extremail.mapping.LoginMappingStore;

/**
 * Account mapping: the logins in Cassandra, used by {@link MappedLoginSessionProvider} (IMAP, POP3; bound in
 * CassandraMailboxModule) and by the MappedLoginAuthHook of smtpserver.xml; WebAdmin routes under {@code /logins}.
 */
public class AccountMappingModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(CassandraLoginMappingStore.class).in(Scopes.SINGLETON);
        bind(LoginMappingStore.class).to(CassandraLoginMappingStore.class);
        Multibinder.newSetBinder(binder(), CassandraModule.class).addBinding().toInstance(CassandraLoginMappingModule.MODULE);
        Multibinder.newSetBinder(binder(), Routes.class).addBinding().to(LoginMappingRoutes.class);
    }
}
