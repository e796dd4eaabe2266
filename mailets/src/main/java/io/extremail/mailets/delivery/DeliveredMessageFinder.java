package io.extremail.mailets.delivery;

import org.apache.mailet.Mail;

import org.apache.james.core.MailAddress;

import reactor.core.publisher.Mono;

/** Tells whether a recipient's mailbox already holds the message of a delivery (found by {@link DeliveryId#HEADER}). */
public interface DeliveredMessageFinder {
    Mono<Boolean> contains(MailAddress recipient, Mail mail, String deliveryId);
}
