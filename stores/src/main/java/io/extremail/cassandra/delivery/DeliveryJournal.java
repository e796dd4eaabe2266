package io.extremail.cassandra.delivery;

import org.apache.james.core.MailAddress;

import reactor.core.publisher.Mono;

/**
 * Remembers that the delivery of a queued mail to a local recipient has started, so that a mail redelivered by
 * the queue after a crash is not stored twice. The delivery id is the mail's name when it left the queue.
 */
public interface DeliveryJournal {
    Mono<Boolean> hasStarted(String deliveryId, MailAddress recipient);

    Mono<Void> markStarted(String deliveryId, MailAddress recipient);
}
