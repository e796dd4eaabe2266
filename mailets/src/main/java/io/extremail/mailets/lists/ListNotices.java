package io.extremail.mailets.lists;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Date;
import java.util.Optional;

import javax.mail.Message;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.MailAddress;

import io.extremail.lists.HeldPost;
import io.extremail.lists.MailingList;

/**
 * The messages a list writes itself, from its owner address: to a poster whose mail was not distributed, and to the
 * owners about a held post. All carry {@code Auto-Submitted: auto-replied} (RFC 3834), so no robot answers them.
 */
public final class ListNotices {
    private static final String UTF_8 = StandardCharsets.UTF_8.name();

    private ListNotices() {
    }

    /** To the poster: the post was refused or rejected, and why. */
    public static MimeMessage notDistributed(MailingList list, MailAddress poster, String subject, String reason) throws MessagingException {
        return notice(list, poster, "Not distributed: " + subject,
            "Your message to the mailing list " + list.address().asString() + " was not distributed:\n"
                + reason + ".\n\n"
                + "Subject: " + subject + "\n\n"
                + "The owners of the list can be reached at " + list.ownerAddress().asString() + ".\n");
    }

    /** To the owners: a post waits for them, with the WebAdmin calls that release or reject it. */
    public static MimeMessage held(MailingList list, Collection<MailAddress> owners, HeldPost post) throws MessagingException {
        String route = "/lists/" + list.address().asString() + "/held/" + post.id();
        MimeMessage message = notice(list, null, "Held for moderation on " + list.address().asString() + ": " + post.subject(),
            "A message to the moderated list " + list.address().asString() + " waits for your approval.\n\n"
                + "From:    " + post.sender().asString() + "\n"
                + "Subject: " + post.subject() + "\n"
                + "Size:    " + post.size() + " bytes\n"
                + "Id:      " + post.id() + "\n\n"
                + "Release it:  curl -X POST 'http://127.0.0.1:8000" + route + "?action=release'\n"
                + "Reject it:   curl -X POST 'http://127.0.0.1:8000" + route + "?action=reject'\n");
        for (MailAddress owner : owners) {
            message.addRecipient(Message.RecipientType.TO, new InternetAddress(owner.asString()));
        }
        message.saveChanges();
        return message;
    }

    private static MimeMessage notice(MailingList list, MailAddress to, String subject, String text) throws MessagingException {
        MimeMessage message = new MimeMessage(Session.getDefaultInstance(System.getProperties()));
        message.setFrom(new InternetAddress(list.ownerAddress().asString()));
        if (to != null) {
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(to.asString()));
        }
        message.setSubject(subject, UTF_8);
        message.setSentDate(new Date());
        message.setHeader("Auto-Submitted", "auto-replied");
        message.setHeader("List-Id", "<" + list.listId() + ">");
        message.setText(text, UTF_8);
        message.saveChanges();
        return message;
    }

    static String subjectOf(MimeMessage message) throws MessagingException {
        return Optional.ofNullable(message.getSubject()).orElse("(no subject)");
    }
}
