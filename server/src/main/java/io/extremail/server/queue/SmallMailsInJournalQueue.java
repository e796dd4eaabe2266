package io.extremail.server.queue;

import java.io.IOException;
import java.util.Map;

import javax.jms.ConnectionFactory;
import javax.jms.JMSException;
import javax.jms.Message;
import javax.mail.MessagingException;

import org.apache.activemq.BlobMessage;
import org.apache.james.metrics.api.GaugeRegistry;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.queue.activemq.ActiveMQCacheableMailQueue;
import org.apache.james.queue.api.MailQueueItemDecoratorFactory;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.server.core.MimeMessageInputStream;
import org.apache.mailet.Mail;

/**
 * James's ActiveMQ mail queue, keeping mails up to {@link #LARGEST_IN_JOURNAL} bytes inside the queue message itself
 * (the broker's journal, synced to disk before the 250) and only bigger ones in ActiveMQ blob files. James puts
 * every mail in a blob file: measured here, that doubled the CPU spent per delivered 4 KiB mail (bench/), while a
 * mail held in the journal is as durable and is read back from memory. Big mails stay out of the broker's memory.
 * Both kinds are read back by the queue whatever their size.
 */
class SmallMailsInJournalQueue extends ActiveMQCacheableMailQueue {
    static final long LARGEST_IN_JOURNAL = 512 * 1024;

    SmallMailsInJournalQueue(ConnectionFactory connectionFactory, MailQueueItemDecoratorFactory decoratorFactory,
                             MailQueueName name, MetricFactory metricFactory, GaugeRegistry gaugeRegistry) {
        super(connectionFactory, decoratorFactory, name, false, metricFactory, gaugeRegistry);
    }

    @Override
    protected void produceMail(Map<String, Object> props, int msgPrio, Mail mail) throws JMSException, MessagingException, IOException {
        long size = mail.getMessageSize();
        if (size >= 0 && size <= LARGEST_IN_JOURNAL) {
            super.produceMail(props, msgPrio, mail);
            return;
        }
        BlobMessage blob = getAMQSession(session).createBlobMessage(new MimeMessageInputStream(mail.getMessage()));
        for (Map.Entry<String, Object> property : props.entrySet()) {
            blob.setObjectProperty(property.getKey(), property.getValue());
        }
        producer.send(blob, Message.DEFAULT_DELIVERY_MODE, msgPrio, Message.DEFAULT_TIME_TO_LIVE);
    }
}
