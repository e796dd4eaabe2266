package io.extremail.mailets.delivery;

import org.apache.mailet.Mail;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.exception.MailboxNotFoundException;
import org.apache.james.mailbox.model.SearchQuery;
import org.apache.james.user.api.UsersRepository;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Searches the folder the mail is delivered to (INBOX, or the one a storage directive names, e.g. Junk for DMARC
 * quarantine) for the delivery header. Runs only for a mail whose delivery had started before
 * a crash: a full header search is affordable there, never on the normal path.
 */
public class TargetFolderDeliveredMessageFinder implements DeliveredMessageFinder {
    private final MailboxManager mailboxManager;
    private final UsersRepository usersRepository;

    public TargetFolderDeliveredMessageFinder(MailboxManager mailboxManager, UsersRepository usersRepository) {
        this.mailboxManager = mailboxManager;
        this.usersRepository = usersRepository;
    }

    @Override
    public Mono<Boolean> contains(MailAddress recipient, Mail mail, String deliveryId) {
        return Mono.fromCallable(() -> search(recipient, mail, deliveryId))
            .subscribeOn(Schedulers.boundedElastic())
            .flatMap(found -> found);
    }

    private Mono<Boolean> search(MailAddress recipient, Mail mail, String deliveryId) throws Exception {
        Username username = usersRepository.getUsername(recipient);
        MailboxSession session = mailboxManager.createSystemSession(username);
        MessageManager inbox;
        try {
            inbox = mailboxManager.getMailbox(TargetFolder.of(username, mail), session);
        } catch (MailboxNotFoundException e) {
            return Mono.just(false);
        }
        SearchQuery query = SearchQuery.of(SearchQuery.headerContains(DeliveryId.HEADER, deliveryId));
        return Flux.from(inbox.search(query, session)).hasElements();
    }
}
