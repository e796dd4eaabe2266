package io.extremail.server.queue;

import javax.inject.Inject;

import org.apache.james.metrics.api.GaugeRegistry;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.queue.activemq.ActiveMQMailQueueFactory;
import org.apache.james.queue.activemq.EmbeddedActiveMQ;
import org.apache.james.queue.activemq.metric.ActiveMQMetricCollector;
import org.apache.james.queue.api.MailQueueItemDecoratorFactory;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.queue.api.ManageableMailQueue;

/** James's ActiveMQ mail queues, as {@link SmallMailsInJournalQueue}s. */
public class SmallMailsInJournalQueueFactory extends ActiveMQMailQueueFactory {
    private final ActiveMQMetricCollector metricCollector;

    @Inject
    public SmallMailsInJournalQueueFactory(EmbeddedActiveMQ broker, MailQueueItemDecoratorFactory decoratorFactory,
                                           MetricFactory metricFactory, GaugeRegistry gaugeRegistry,
                                           ActiveMQMetricCollector metricCollector) {
        super(broker, decoratorFactory, metricFactory, gaugeRegistry, metricCollector);
        this.metricCollector = metricCollector;
    }

    @Override
    protected ManageableMailQueue createCacheableMailQueue(MailQueueName name) {
        metricCollector.collectQueueStatistics(name);
        return new SmallMailsInJournalQueue(connectionFactory, mailQueueItemDecoratorFactory, name, metricFactory, gaugeRegistry);
    }
}
