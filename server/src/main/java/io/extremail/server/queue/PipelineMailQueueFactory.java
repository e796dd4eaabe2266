package io.extremail.server.queue;

import java.util.Optional;
import java.util.Set;

import javax.inject.Provider;

import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.MailQueueName;
import org.apache.mailet.MailetContext;

/**
 * The queues as the SMTP server, the spooler and RemoteDelivery get them: the spool wrapped in {@link IntakeFirstSpool}
 * (one {@link SpoolIntakePriority} for all its users), RemoteDelivery's outgoing queues in {@link RetryAwareMailQueue}.
 */
public class PipelineMailQueueFactory implements MailQueueFactory<MailQueue> {
    private final MailQueueFactory<? extends MailQueue> delegate;
    private final int delayNoticeAfter;
    private final Provider<MailetContext> mailetContext;
    private final SpoolIntakePriority spoolPriority;

    public PipelineMailQueueFactory(MailQueueFactory<? extends MailQueue> delegate, int delayNoticeAfter,
                                    Provider<MailetContext> mailetContext, SpoolIntakePriority spoolPriority) {
        this.delegate = delegate;
        this.delayNoticeAfter = delayNoticeAfter;
        this.mailetContext = mailetContext;
        this.spoolPriority = spoolPriority;
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
        if (queue.getName().equals(MailQueueFactory.SPOOL)) {
            return new IntakeFirstSpool(queue, spoolPriority);
        }
        return new RetryAwareMailQueue(queue, delayNoticeAfter, mailetContext);
    }
}
