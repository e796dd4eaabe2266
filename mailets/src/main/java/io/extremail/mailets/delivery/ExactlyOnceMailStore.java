package io.extremail.mailets.delivery;

import org.apache.james.core.MailAddress;
import org.apache.james.transport.mailets.delivery.MailStore;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.extremail.cassandra.delivery.DeliveryJournal;
import reactor.core.publisher.Mono;

/**
 * Stores a mail for a recipient at most once per delivery id. The journal entry is written before the message:
 * when the entry already exists, the queue is redelivering a mail whose delivery a crash interrupted, and the
 * mailbox itself says whether the message got stored. Such a delivery ends with an {@link InterruptedDeliveryRepair}
 * of the counts the crash may have left wrong.
 */
public class ExactlyOnceMailStore implements MailStore {
    private static final Logger LOGGER = LoggerFactory.getLogger(ExactlyOnceMailStore.class);

    private final MailStore delegate;
    private final DeliveryJournal journal;
    private final DeliveredMessageFinder finder;
    private final InterruptedDeliveryRepair repair;

    public ExactlyOnceMailStore(MailStore delegate, DeliveryJournal journal, DeliveredMessageFinder finder,
                                InterruptedDeliveryRepair repair) {
        this.delegate = delegate;
        this.journal = journal;
        this.finder = finder;
        this.repair = repair;
    }

    @Override
    public Mono<Void> storeMail(MailAddress recipient, Mail mail) {
        String deliveryId = DeliveryId.of(mail);
        return journal.hasStarted(deliveryId, recipient)
            .flatMap(started -> {
                if (!started) {
                    return journal.markStarted(deliveryId, recipient).then(store(recipient, mail));
                }
                return finder.contains(recipient, mail, deliveryId)
                    .flatMap(stored -> {
                        if (stored) {
                            LOGGER.info("Mail {} was already delivered to {} before a restart: not storing it twice", deliveryId, recipient.asString());
                            return Mono.<Void>empty();
                        }
                        return store(recipient, mail);
                    })
                    .then(Mono.defer(() -> repair.repair(recipient, mail))
                        // The message is stored: a count left wrong is no reason to bounce it (read repair fixes it later).
                        .onErrorResume(error -> {
                            LOGGER.warn("Could not recount the mailbox of {} after the interrupted delivery of {}", recipient.asString(), deliveryId, error);
                            return Mono.empty();
                        }));
            });
    }

    private Mono<Void> store(MailAddress recipient, Mail mail) {
        return Mono.defer(() -> Mono.from(delegate.storeMail(recipient, mail)));
    }
}
