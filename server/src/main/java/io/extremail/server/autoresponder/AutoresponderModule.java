package io.extremail.server.autoresponder;

import org.apache.james.backends.cassandra.components.CassandraModule;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;
import com.google.inject.multibindings.Multibinder;

import io.extremail.cassandra.autoresponder.AutoresponderReplies;
import io.extremail.cassandra.autoresponder.CassandraAutoresponderReplies;
import io.extremail.cassandra.autoresponder.CassandraAutoresponderRepliesModule;

/**
 * The autoresponder: who was answered, in Cassandra, for the {@code io.extremail.mailets.Autoresponder} of
 * mailetcontainer.xml. The replies' content is James's vacation (see VacationStoreModule), managed over WebAdmin
 * {@code /vacation/{user}}.
 */
public class AutoresponderModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(CassandraAutoresponderReplies.class).in(Scopes.SINGLETON);
        bind(AutoresponderReplies.class).to(CassandraAutoresponderReplies.class);
        Multibinder.newSetBinder(binder(), CassandraModule.class).addBinding()
            .toInstance(CassandraAutoresponderRepliesModule.MODULE);
    }
}
