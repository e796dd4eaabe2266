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
 * mailbox itself says whether the message got stored.
 */
public class ExactlyOnceMailStore implements MailStore {
    private static final Logger LOGGER = LoggerFactory.getLogger(ExactlyOnceMailStore.class);

    private final MailStore delegate;
    private final DeliveryJournal journal;
    private final DeliveredMessageFinder finder;

    public ExactlyOnceMailStore(MailStore delegate, DeliveryJournal journal, DeliveredMessageFinder finder) {
        this.delegate = delegate;
        this.journal = journal;
        this.finder = finder;
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
                            return Mono.empty();
                        }
                        return store(recipient, mail);
                    });
            });
    }

    private Mono<Void> store(MailAddress recipient, Mail mail) {
        return Mono.defer(() -> Mono.from(delegate.storeMail(recipient, mail)));
    }
}
