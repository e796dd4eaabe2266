package io.extremail.mailets.delivery;

import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;

/**
 * The identity of one queued mail across redeliveries: its name when it left the queue. Mail names change when
 * the container splits a mail between processors, attributes are copied; so the id travels as an attribute, set
 * when the mail is dequeued.
 */
public final class DeliveryId {
    public static final AttributeName ATTRIBUTE = AttributeName.of("io.extremail.deliveryId");
    /** Stored with each delivered message, so that a delivery interrupted by a crash can be recognised. */
    public static final String HEADER = "X-Extremail-Delivery-Id";

    private DeliveryId() {
    }

    public static void stamp(Mail mail) {
        if (mail.getAttribute(ATTRIBUTE).isEmpty()) {
            mail.setAttribute(new Attribute(ATTRIBUTE, AttributeValue.of(mail.getName())));
        }
    }

    public static String of(Mail mail) {
        return mail.getAttribute(ATTRIBUTE)
            .flatMap(attribute -> attribute.getValue().valueAs(String.class))
            .orElse(mail.getName());
    }
}
