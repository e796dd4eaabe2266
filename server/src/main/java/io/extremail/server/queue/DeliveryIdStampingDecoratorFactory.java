package io.extremail.server.queue;

import org.apache.james.queue.api.MailQueue.MailQueueItem;
import org.apache.james.queue.api.MailQueueItemDecoratorFactory;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.queue.api.RawMailQueueItem;

import io.extremail.mailets.delivery.DeliveryId;

/**
 * Stamps every mail leaving a queue with its {@link DeliveryId}, before any mailet runs: a redelivery after a
 * crash then carries the same id as the interrupted attempt.
 */
public class DeliveryIdStampingDecoratorFactory implements MailQueueItemDecoratorFactory {

    @Override
    public MailQueueItemDecorator decorate(MailQueueItem mailQueueItem, MailQueueName name) {
        DeliveryId.stamp(mailQueueItem.getMail());
        return new RawMailQueueItem(mailQueueItem);
    }
}
