package io.extremail.mailets.copy;

import java.util.LinkedHashMap;
import java.util.Map;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;

import io.extremail.copy.MailCopy;
import io.extremail.copy.MailCopyStore;

/**
 * Copy of all received mail: for each recipient with a copy address (WebAdmin {@code /copies/{user}}), sends the
 * message to that address too, with the header {@code X-Extremail-Copy-Of: <recipient>}. The original goes on to
 * the recipient's mailbox unchanged. A copy is never copied again.
 *
 * <pre>{@code
 * <processor state="local-delivery">
 *     <mailet match="All" class="io.extremail.mailets.copy.CopyReceivedMail"/>
 *     <mailet match="All" class="io.extremail.mailets.ExactlyOnceLocalDelivery"/>
 * </processor>
 * }</pre>
 */
public class CopyReceivedMail extends GenericMailet {
    private final MailCopyStore copies;

    @Inject
    public CopyReceivedMail(MailCopyStore copies) {
        this.copies = copies;
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        if (CopyDispatcher.isCopy(mail)) {
            return;
        }
        Map<MailAddress, MailAddress> targets = new LinkedHashMap<>();
        for (MailAddress recipient : mail.getRecipients()) {
            MailCopy copy = copies.of(Username.fromMailAddress(recipient)).block();
            if (copy != null && !copy.target().equals(recipient) && !mail.getRecipients().contains(copy.target())) {
                targets.putIfAbsent(copy.target(), recipient);
            }
        }
        for (Map.Entry<MailAddress, MailAddress> target : targets.entrySet()) {
            CopyDispatcher.send(getMailetContext(), mail, target.getValue(), target.getKey());
        }
    }

    @Override
    public String getMailetInfo() {
        return "Sends a copy of every received message to the recipient's copy address";
    }
}
