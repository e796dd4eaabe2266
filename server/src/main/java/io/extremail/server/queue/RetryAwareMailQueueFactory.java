package io.extremail.server.queue;

import java.util.Optional;
import java.util.Set;

import javax.inject.Provider;

import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.MailQueueName;
import org.apache.mailet.MailetContext;

/** The queues as the mail pipeline gets them, RemoteDelivery's outgoing queues wrapped in {@link RetryAwareMailQueue}. */
public class RetryAwareMailQueueFactory implements MailQueueFactory<MailQueue> {
    private final MailQueueFactory<? extends MailQueue> delegate;
    private final int delayNoticeAfter;
    private final Provider<MailetContext> mailetContext;

    public RetryAwareMailQueueFactory(MailQueueFactory<? extends MailQueue> delegate, int delayNoticeAfter,
                                      Provider<MailetContext> mailetContext) {
        this.delegate = delegate;
        this.delayNoticeAfter = delayNoticeAfter;
        this.mailetContext = mailetContext;
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
        return queue.getName().equals(MailQueueFactory.SPOOL) ? queue : new RetryAwareMailQueue(queue, delayNoticeAfter, mailetContext);
    }
}
