package io.extremail.mailets.copy;

import java.util.List;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;
import org.apache.james.server.core.MailImpl;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetContext;

/**
 * Sends the copy of a mail for {@link CopyReceivedMail} and {@link CopySentMail}: same message and envelope sender,
 * one recipient, marked so that a copy is never copied again (no loop between two users copying to each other).
 */
final class CopyDispatcher {
    static final AttributeName COPY_OF = AttributeName.of("io.extremail.copyOf");
    static final String COPY_OF_HEADER = "X-Extremail-Copy-Of";

    private CopyDispatcher() {
    }

    static boolean isCopy(Mail mail) {
        return mail.getAttribute(COPY_OF).isPresent();
    }

    static void send(MailetContext context, Mail original, MailAddress owner, MailAddress target) throws MessagingException {
        MimeMessage message = new MimeMessage(original.getMessage());
        message.setHeader(COPY_OF_HEADER, owner.asString());
        message.saveChanges();
        MailImpl copy = MailImpl.builder()
            .name(MailImpl.getId())
            .sender(original.getMaybeSender())
            .addRecipients(List.of(target))
            .mimeMessage(message)
            .addAttribute(new Attribute(COPY_OF, AttributeValue.of(owner.asString())))
            // Our own mail: relayed to a remote copy address like any mail a mailet sends.
            .addAttribute(Mail.SENT_BY_MAILET_ATTRIBUTE)
            .build();
        try {
            context.sendMail(copy);
        } finally {
            copy.dispose();
        }
    }
}
