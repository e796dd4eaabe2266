package io.extremail.server.cassandra;

import javax.jms.ConnectionFactory;

import org.apache.activemq.store.PersistenceAdapter;
import org.apache.activemq.store.kahadb.KahaDBPersistenceAdapter;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.backends.cassandra.components.CassandraModule;
import org.apache.james.core.healthcheck.HealthCheck;
import org.apache.james.queue.activemq.ActiveMQConfiguration;
import org.apache.james.queue.activemq.ActiveMQHealthCheck;
import org.apache.james.queue.activemq.ActiveMQMailQueueFactory;
import org.apache.james.queue.activemq.EmbeddedActiveMQ;
import org.apache.james.queue.activemq.metric.ActiveMQMetricCollector;
import org.apache.james.queue.activemq.metric.ActiveMQMetricCollectorImpl;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.MailQueueItemDecoratorFactory;
import org.apache.james.queue.api.ManageableMailQueue;
import org.apache.james.server.core.configuration.ConfigurationProvider;
import org.apache.james.utils.InitializationOperation;
import org.apache.james.utils.InitilizationOperationBuilder;
import org.apache.mailet.MailetContext;

import com.google.inject.AbstractModule;
import com.google.inject.Provider;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.ProvidesIntoSet;

import io.extremail.cassandra.delivery.CassandraDeliveryJournal;
import io.extremail.cassandra.delivery.CassandraDeliveryJournalModule;
import io.extremail.cassandra.delivery.DeliveryJournal;
import io.extremail.mailets.delivery.InterruptedDeliveryRepair;
import io.extremail.server.delivery.MailboxRecount;
import io.extremail.server.queue.DelayNoticeSetting;
import io.extremail.server.queue.DeliveryIdStampingDecoratorFactory;
import io.extremail.server.queue.PipelineMailQueueFactory;
import io.extremail.server.queue.QueueMemoryLimit;
import io.extremail.server.queue.SmallMailsInJournalQueueFactory;
import io.extremail.server.queue.SpoolIntakePriority;

/**
 * The mail queues (spool, outgoing) in James's embedded ActiveMQ broker, persisted in KahaDB under
 * {@code var/store/activemq} with a journal sync per commit: mail answered 250 survives a kill -9. A mail whose
 * processing a kill interrupted is processed again after restart; the delivery journal keeps that from storing it
 * twice in a mailbox, and the folder's counts and the quota usage are then recounted.
 */
public class PersistentMailQueueModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(KahaDBPersistenceAdapter.class).in(Scopes.SINGLETON);
        bind(PersistenceAdapter.class).to(KahaDBPersistenceAdapter.class);
        bind(EmbeddedActiveMQ.class).in(Scopes.SINGLETON);
        bind(SmallMailsInJournalQueueFactory.class).in(Scopes.SINGLETON);
        bind(ActiveMQMailQueueFactory.class).to(SmallMailsInJournalQueueFactory.class);
        bind(ActiveMQMetricCollectorImpl.class).in(Scopes.SINGLETON);
        bind(ActiveMQMetricCollector.class).to(ActiveMQMetricCollectorImpl.class);
        bind(MailQueueItemDecoratorFactory.class).to(DeliveryIdStampingDecoratorFactory.class).in(Scopes.SINGLETON);
        Multibinder.newSetBinder(binder(), HealthCheck.class).addBinding().to(ActiveMQHealthCheck.class);

        // A mail the queue redelivers after a crash is recognised by ExactlyOnceLocalDelivery.
        bind(CassandraDeliveryJournal.class).in(Scopes.SINGLETON);
        bind(DeliveryJournal.class).to(CassandraDeliveryJournal.class);
        // ... and the counts that the crash may have left short or long are recounted.
        bind(MailboxRecount.class).in(Scopes.SINGLETON);
        bind(InterruptedDeliveryRepair.class).to(MailboxRecount.class);
        Multibinder.newSetBinder(binder(), CassandraModule.class).addBinding().toInstance(CassandraDeliveryJournalModule.MODULE);
    }

    @Provides
    @Singleton
    ActiveMQConfiguration metrics() {
        return ActiveMQConfiguration.getDefault();
    }

    @Provides
    @Singleton
    ConnectionFactory connectionFactory(EmbeddedActiveMQ broker, ConfigurationProvider configuration) throws ConfigurationException {
        // before any queue exists: each takes its share of the broker's memory when created
        QueueMemoryLimit.read(configuration).applyToEmbeddedBroker();
        return broker.getConnectionFactory();
    }

    @Provides
    @Singleton
    MailQueueFactory<? extends ManageableMailQueue> manageableQueues(ActiveMQMailQueueFactory factory) {
        factory.setUseJMX(true);
        factory.init();
        return factory;
    }

    @Provides
    @Singleton
    MailQueueFactory<?> queues(MailQueueFactory<? extends ManageableMailQueue> factory, ConfigurationProvider configuration,
                               Provider<MailetContext> mailetContext) throws ConfigurationException {
        // What the SMTP server, the spooler and RemoteDelivery get: the spool gives receiving priority over delivering
        // for a while (<spooler><threadsWhileReceiving>, <receivingPriority>); a failed delivery attempt leaves its
        // error on the queued mail, and after <delayNoticeAfter> of them the sender is warned.
        return new PipelineMailQueueFactory(factory, DelayNoticeSetting.read(configuration), mailetContext,
            SpoolIntakePriority.read(configuration));
    }

    @Provides
    @Singleton
    MailQueueFactory<? extends MailQueue> typedQueues(ActiveMQMailQueueFactory factory) {
        return factory;
    }

    @ProvidesIntoSet
    InitializationOperation startMetrics(ActiveMQMetricCollector collector) {
        return InitilizationOperationBuilder.forClass(ActiveMQMetricCollector.class).init(collector::start);
    }
}
