package io.extremail.server.queue;

import java.util.Optional;
import java.util.Set;

import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.MailQueueName;

/** The queues as the mail pipeline gets them, the outgoing queues wrapped in {@link ErrorRecordingMailQueue}. */
public class ErrorRecordingMailQueueFactory implements MailQueueFactory<MailQueue> {
    private final MailQueueFactory<? extends MailQueue> delegate;
    private final MailQueueName spool;

    public ErrorRecordingMailQueueFactory(MailQueueFactory<? extends MailQueue> delegate) {
        this.delegate = delegate;
        this.spool = MailQueueFactory.SPOOL;
        DeliveryErrors.install();
    }

    @Override
    public Optional<MailQueue> getQueue(MailQueueName name, PrefetchCount count) {
        return delegate.getQueue(name, count).map(this::wrap);
    }

    @Override
    public MailQueue createQueue(MailQueueName name, PrefetchCount count) {
        return wrap(delegate.createQueue(name, count));
    }

    @Override
    public Set<MailQueueName> listCreatedMailQueues() {
        return delegate.listCreatedMailQueues();
    }

    // Only RemoteDelivery's queues (every queue but the spool) re-queue after a failed attempt.
    private MailQueue wrap(MailQueue queue) {
        return queue.getName().equals(spool) ? queue : new ErrorRecordingMailQueue(queue);
    }
}
