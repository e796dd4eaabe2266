package io.extremail.mailets.autoresponder;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Optional;

import javax.mail.Message;
import javax.mail.MessagingException;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeBodyPart;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeMultipart;

import org.apache.james.core.MailAddress;
import org.apache.james.util.html.HtmlTextExtractor;
import org.apache.james.vacation.api.Vacation;

/**
 * The reply of a user's autoresponder to one message (RFC 3834 section 3): from the user to the envelope sender,
 * {@code Auto-Submitted: auto-replied}, {@code In-Reply-To} and {@code References} of the original, the vacation's
 * subject or "Re: " and the original one; the vacation's text, with its HTML as the preferred alternative.
 */
public final class AutoReply {
    public static final String AUTO_SUBMITTED = "Auto-Submitted";
    public static final String AUTO_REPLIED = "auto-replied";
    private static final String UTF_8 = StandardCharsets.UTF_8.name();

    private AutoReply() {
    }

    public static MimeMessage of(MimeMessage original, MailAddress user, MailAddress sender, Vacation vacation,
                                 HtmlTextExtractor htmlTextExtractor) throws MessagingException {
        // Sets "Re: " + subject, In-Reply-To and References; false: the original is not flagged \Answered.
        MimeMessage reply = (MimeMessage) original.reply(false, false);
        Optional<String> subject = vacation.getSubject().filter(text -> !text.isBlank());
        if (subject.isPresent()) {
            reply.setSubject(subject.get(), UTF_8);
        }
        reply.setFrom(new InternetAddress(user.asString()));
        // The envelope sender, not Reply-To or From: RFC 3834 3.1.1, and the address the loop rules judged.
        reply.setRecipient(Message.RecipientType.TO, new InternetAddress(sender.asString()));
        reply.setHeader(AUTO_SUBMITTED, AUTO_REPLIED);
        reply.setSentDate(new Date());
        Optional<String> html = vacation.getHtmlBody().filter(text -> !text.isBlank());
        String text = vacation.getTextBody().filter(body -> !body.isBlank())
            .or(() -> html.map(htmlTextExtractor::toPlainText))
            .orElse("");
        if (html.isPresent()) {
            reply.setContent(alternative(text, html.get()));
        } else {
            reply.setText(text, UTF_8);
        }
        reply.saveChanges();
        return reply;
    }

    /** RFC 2046 5.1.4: the last part is the preferred one, so the plain text comes first. */
    private static MimeMultipart alternative(String text, String html) throws MessagingException {
        MimeBodyPart plain = new MimeBodyPart();
        plain.setText(text, UTF_8);
        MimeBodyPart rich = new MimeBodyPart();
        rich.setText(html, UTF_8, "html");
        return new MimeMultipart("alternative", plain, rich);
    }
}
