package io.extremail.server.queue;

import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.Mail;

/** How many delivery attempts RemoteDelivery made for a queued mail (its counter, James's DeliveryRetriesHelper). */
public final class DeliveryAttempts {
    private static final AttributeName RETRY_COUNT = AttributeName.of("delivery_retry_count");

    private DeliveryAttempts() {
    }

    public static int of(Mail mail) {
        return mail.getAttribute(RETRY_COUNT).map(Attribute::getValue).map(value -> value.value())
            .filter(Integer.class::isInstance).map(Integer.class::cast).orElse(0);
    }
}
