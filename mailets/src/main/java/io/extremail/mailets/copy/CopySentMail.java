package io.extremail.mailets.copy;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.mailet.AttributeUtils;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;

import io.extremail.copy.MailCopy;
import io.extremail.copy.MailCopyStore;

/**
 * Copy of sent mail: a message submitted by an authenticated user whose copy address includes sent mail
 * ({@code "includeSent": true}) is also sent to that address, with {@code X-Extremail-Copy-Of: <user>}.
 *
 * <pre>{@code
 * <processor state="transport">
 *     <mailet match="All" class="io.extremail.mailets.copy.CopySentMail"/>
 *     ...
 * </processor>
 * }</pre>
 */
public class CopySentMail extends GenericMailet {
    private final MailCopyStore copies;

    @Inject
    public CopySentMail(MailCopyStore copies) {
        this.copies = copies;
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        if (CopyDispatcher.isCopy(mail)) {
            return;
        }
        String authenticatedUser = AttributeUtils.getValueAndCastFromMail(mail, Mail.SMTP_AUTH_USER, String.class).orElse(null);
        if (authenticatedUser == null) {
            return;
        }
        Username user = Username.of(authenticatedUser);
        MailCopy copy = copies.of(user).block();
        if (copy == null || !copy.includeSent() || mail.getRecipients().contains(copy.target())) {
            return;
        }
        MailAddress owner = user.asMailAddress();
        CopyDispatcher.send(getMailetContext(), mail, owner, copy.target());
    }

    @Override
    public String getMailetInfo() {
        return "Sends a copy of every message an authenticated user sends to that user's copy address";
    }
}
