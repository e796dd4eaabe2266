package io.extremail.mailets.delivery;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;

import reactor.core.publisher.Mono;

/**
 * Puts right what a crash in the middle of storing a message may have left wrong around it. The mail store writes a
 * message and then, separately, the counts derived from it (the folder's message and unseen counts, which IMAP
 * SELECT reports as EXISTS and UNSEEN; the user's quota usage): a kill between the two leaves a count off by one,
 * so that a mail client would not show a message that is there. Runs only for a delivery the journal says was
 * interrupted, after the message is known to be stored exactly once.
 */
public interface InterruptedDeliveryRepair {
    Mono<Void> repair(MailAddress recipient, Mail mail);

    InterruptedDeliveryRepair NONE = (recipient, mail) -> Mono.empty();
}
