package io.extremail.server.queue;

import java.io.IOException;
import java.time.Duration;

import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueName;
import org.apache.mailet.Mail;
import org.reactivestreams.Publisher;

/**
 * The outgoing queue as RemoteDelivery sees it: a mail it puts back after a failed attempt gets that attempt's error
 * ({@link DeliveryErrors}) as its error message, which the queue keeps and QUEUE SHOW prints.
 */
final class ErrorRecordingMailQueue implements MailQueue {
    private final MailQueue delegate;

    ErrorRecordingMailQueue(MailQueue delegate) {
        this.delegate = delegate;
    }

    @Override
    public MailQueueName getName() {
        return delegate.getName();
    }

    @Override
    public void enQueue(Mail mail, Duration delay) throws MailQueueException {
        record(mail);
        delegate.enQueue(mail, delay);
    }

    @Override
    public void enQueue(Mail mail) throws MailQueueException {
        record(mail);
        delegate.enQueue(mail);
    }

    @Override
    public Publisher<Void> enqueueReactive(Mail mail) {
        record(mail);
        return delegate.enqueueReactive(mail);
    }

    @Override
    public Publisher<MailQueueItem> deQueue() {
        return delegate.deQueue();
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }

    private static void record(Mail mail) {
        DeliveryErrors.takeLast().filter(error -> Mail.ERROR.equals(mail.getState())).ifPresent(mail::setErrorMessage);
    }
}
