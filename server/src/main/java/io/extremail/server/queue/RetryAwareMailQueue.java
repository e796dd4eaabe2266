package io.extremail.server.queue;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import javax.inject.Provider;

import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.server.core.MailImpl;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetContext;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An outgoing queue as RemoteDelivery sees it. When RemoteDelivery puts a mail back after a failed attempt, the
 * mail gets that attempt's error ({@link DeliveryErrors}) as its error message, which the queue keeps and QUEUE SHOW
 * prints; and after the {@code delayNoticeAfter}-th failed attempt its sender gets one delay DSN ({@link DelayNotice}).
 */
final class RetryAwareMailQueue implements MailQueue {
    private static final Logger LOGGER = LoggerFactory.getLogger(RetryAwareMailQueue.class);

    private final MailQueue delegate;
    private final int delayNoticeAfter;
    private final Provider<MailetContext> mailetContext;

    RetryAwareMailQueue(MailQueue delegate, int delayNoticeAfter, Provider<MailetContext> mailetContext) {
        this.delegate = delegate;
        this.delayNoticeAfter = delayNoticeAfter;
        this.mailetContext = mailetContext;
    }

    @Override
    public MailQueueName getName() {
        return delegate.getName();
    }

    @Override
    public void enQueue(Mail mail, Duration delay) throws MailQueueException {
        retried(mail);
        delegate.enQueue(mail, delay);
    }

    @Override
    public void enQueue(Mail mail) throws MailQueueException {
        retried(mail);
        delegate.enQueue(mail);
    }

    @Override
    public Publisher<Void> enqueueReactive(Mail mail) {
        retried(mail);
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

    private void retried(Mail mail) {
        Optional<String> error = DeliveryErrors.takeLast();
        if (!Mail.ERROR.equals(mail.getState())) {
            return;
        }
        error.ifPresent(mail::setErrorMessage);
        // RemoteDelivery counts the failed attempt before putting the mail back.
        int attempts = DeliveryAttempts.of(mail);
        if (delayNoticeAfter > 0 && attempts == delayNoticeAfter && mail.hasSender()) {
            warnSender(mail, Optional.ofNullable(mail.getErrorMessage()).orElse("temporary failure"), attempts);
        }
    }

    private void warnSender(Mail mail, String error, int attempts) {
        MailetContext context = mailetContext.get();
        try {
            MailImpl notice = MailImpl.builder()
                .name(MailImpl.getId())
                .addRecipient(mail.getMaybeSender().get())
                .mimeMessage(DelayNotice.of(mail, error, context.getPostmaster(), attempts))
                .addAttribute(Mail.SENT_BY_MAILET_ATTRIBUTE)
                .build();
            try {
                context.sendMail(notice);
            } finally {
                notice.dispose();
            }
        } catch (Exception e) {
            // The message itself is safe in the queue; only the warning is lost.
            LOGGER.warn("Could not send the delay notice of {} to {}", mail.getName(), mail.getMaybeSender().asString(), e);
        }
    }
}
