package io.extremail.server.queue;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueName;
import org.apache.mailet.Mail;
import org.reactivestreams.Publisher;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The spool queue as the SMTP server and the spooler see it: each mail put in tells {@link SpoolIntakePriority} that
 * mail is arriving, and each mail taken out waits for its turn there before the spooler gets it. The wait happens on
 * the spooler's own dequeuing thread, after the queue handed the mail over in an open transaction, so a mail waiting
 * is still in the queue if the server stops.
 */
final class IntakeFirstSpool implements MailQueue {
    private final MailQueue delegate;
    private final SpoolIntakePriority priority;

    IntakeFirstSpool(MailQueue delegate, SpoolIntakePriority priority) {
        this.delegate = delegate;
        this.priority = priority;
    }

    @Override
    public MailQueueName getName() {
        return delegate.getName();
    }

    @Override
    public void enQueue(Mail mail, Duration delay) throws MailQueueException {
        delegate.enQueue(mail, delay);
        priority.arrived();
    }

    @Override
    public void enQueue(Mail mail) throws MailQueueException {
        delegate.enQueue(mail);
        priority.arrived();
    }

    @Override
    public Publisher<Void> enqueueReactive(Mail mail) {
        return Mono.from(delegate.enqueueReactive(mail)).doOnSuccess(ignored -> priority.arrived());
    }

    @Override
    public Publisher<MailQueueItem> deQueue() {
        return Flux.from(delegate.deQueue()).map(item -> {
            priority.awaitTurn();
            return new CountedItem(item);
        });
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }

    private final class CountedItem implements MailQueueItem {
        private final MailQueueItem item;
        private final AtomicBoolean finished = new AtomicBoolean();

        CountedItem(MailQueueItem item) {
            this.item = item;
        }

        @Override
        public Mail getMail() {
            return item.getMail();
        }

        @Override
        public void done(CompletionStatus status) throws MailQueueException {
            try {
                item.done(status);
            } finally {
                if (finished.compareAndSet(false, true)) {
                    priority.finished();
                }
            }
        }
    }
}
