package io.extremail.server.queue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Date;
import java.util.Optional;

import javax.activation.DataHandler;
import javax.mail.Header;
import javax.mail.Message;
import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeBodyPart;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeMultipart;
import javax.mail.util.ByteArrayDataSource;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;

/**
 * The "delivery delayed" DSN (RFC 3464, {@code Action: delayed}, status 4.4.1) sent once to the sender of a message
 * that remote delivery keeps retrying: a warning, the message is not lost and needs no resending.
 */
final class DelayNotice {
    private DelayNotice() {
    }

    static MimeMessage of(Mail mail, String lastError, MailAddress postmaster, int attempts) throws MessagingException {
        MimeMessage notice = new MimeMessage(Session.getDefaultInstance(System.getProperties()));
        notice.setFrom(new InternetAddress(postmaster.asString(), false));
        notice.setRecipient(Message.RecipientType.TO, new InternetAddress(mail.getMaybeSender().asString()));
        notice.setSubject("Delayed Mail (still being retried): " + subject(mail), StandardCharsets.UTF_8.name());
        notice.setSentDate(new Date());
        notice.setHeader("Auto-Submitted", "auto-replied");

        MimeBodyPart text = new MimeBodyPart();
        text.setText("This is a warning only: you do not need to send your message again.\n\n"
            + "Your message could not be delivered yet to:\n"
            + String.join("\n", mail.getRecipients().stream().map(recipient -> "  " + recipient.asString()).toList()) + "\n\n"
            + "after " + attempts + " attempt(s). Last error: " + lastError + "\n\n"
            + "The server keeps trying; you will be told if it gives up.\n", StandardCharsets.UTF_8.name());

        StringBuilder status = new StringBuilder("Reporting-MTA: dns; " + hostName() + "\r\n");
        for (MailAddress recipient : mail.getRecipients()) {
            status.append("\r\nFinal-Recipient: rfc822; ").append(recipient.asString())
                .append("\r\nAction: delayed\r\nStatus: 4.4.1\r\nDiagnostic-Code: smtp; ").append(lastError.replaceAll("\\s+", " "))
                .append("\r\n");
        }
        MimeBodyPart deliveryStatus = new MimeBodyPart();
        deliveryStatus.setDataHandler(new DataHandler(new ByteArrayDataSource(status.toString().getBytes(StandardCharsets.US_ASCII),
            "message/delivery-status")));
        deliveryStatus.setHeader("Content-Type", "message/delivery-status");

        MimeBodyPart headers = new MimeBodyPart();
        headers.setDataHandler(new DataHandler(new ByteArrayDataSource(originalHeaders(mail.getMessage()), "text/rfc822-headers")));
        headers.setHeader("Content-Type", "text/rfc822-headers");

        MimeMultipart report = new MimeMultipart("report; report-type=delivery-status", text, deliveryStatus, headers);
        notice.setContent(report);
        notice.saveChanges();
        return notice;
    }

    private static String subject(Mail mail) {
        try {
            return Optional.ofNullable(mail.getMessage().getSubject()).orElse("(no subject)");
        } catch (MessagingException e) {
            return "(no subject)";
        }
    }

    private static byte[] originalHeaders(MimeMessage message) throws MessagingException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Header header : Collections.list(message.getAllHeaders())) {
            out.writeBytes((header.getName() + ": " + header.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
