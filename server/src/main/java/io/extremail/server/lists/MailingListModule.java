package io.extremail.server.lists;

import org.apache.james.backends.cassandra.components.CassandraModule;
import org.apache.james.webadmin.Routes;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;
import com.google.inject.multibindings.Multibinder;

import io.extremail.cassandra.lists.CassandraHeldPostStore;
import io.extremail.cassandra.lists.CassandraMailingListModule;
import io.extremail.cassandra.lists.CassandraMailingListStore;
import io.extremail.lists.HeldPostStore;
import io.extremail.lists.MailingListStore;
import io.extremail.lists.MailingLists;

/**
 * Mailing lists: lists, members and held posts in Cassandra; one in-memory {@link MailingLists} shared by the
 * MailingListRcptHook of smtpserver.xml and the RecipientIsMailingList matcher and MailingListDistribution mailet of
 * mailetcontainer.xml; the WebAdmin routes under {@code /lists}.
 */
public class MailingListModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(CassandraMailingListStore.class).in(Scopes.SINGLETON);
        bind(MailingListStore.class).to(CassandraMailingListStore.class);
        bind(CassandraHeldPostStore.class).in(Scopes.SINGLETON);
        bind(HeldPostStore.class).to(CassandraHeldPostStore.class);
        bind(MailingLists.class).in(Scopes.SINGLETON);
        Multibinder.newSetBinder(binder(), CassandraModule.class).addBinding().toInstance(CassandraMailingListModule.MODULE);
        Multibinder.newSetBinder(binder(), Routes.class).addBinding().to(MailingListRoutes.class);
    }
}
