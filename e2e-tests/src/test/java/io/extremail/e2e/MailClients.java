package io.extremail.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

import org.apache.commons.net.smtp.SMTPClient;
import org.apache.commons.net.smtp.SMTPReply;

/**
 * Jakarta Mail as a mail user agent: submission with STARTTLS and AUTH, IMAP and POP3 with STARTTLS, IMAPS and
 * POP3S. The test certificate is self-signed, so it is trusted explicitly.
 */
final class MailClients {
    private static final int TIMEOUT_MS = 20_000;

    private MailClients() {
    }

    /** Sends raw RFC 5322 bytes unchanged, so the body read back can be compared byte for byte. */
    static void submit(ServerUnderTest server, String user, String password, byte[] rawMessage) throws Exception {
        try (Transport transport = submission(server, user, password)) {
            send(transport, rawMessage);
        }
    }

    /** A submission session, STARTTLS and AUTH done, ready for {@link #send}: to send several at one moment. */
    static Transport submission(ServerUnderTest server, String user, String password) throws Exception {
        Transport transport = Session.getInstance(smtpProperties(server)).getTransport("smtp");
        transport.connect("127.0.0.1", server.submission, user, password);
        return transport;
    }

    static void send(Transport transport, byte[] rawMessage) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(common()), new ByteArrayInputStream(rawMessage));
        transport.sendMessage(message, message.getAllRecipients());
    }

    /** An SMTP session on the MX port from loopback, greeted and past EHLO. */
    static SMTPClient mx(ServerUnderTest server) throws IOException {
        return mx(server, InetAddress.getLoopbackAddress());
    }

    /** An SMTP session on the MX port from the given local address (e.g. 127.0.0.2, outside the relaying network). */
    static SMTPClient mx(ServerUnderTest server, InetAddress from) throws IOException {
        SMTPClient client = new SMTPClient();
        client.setConnectTimeout(10_000);
        client.setDefaultTimeout(TIMEOUT_MS);
        client.connect(InetAddress.getLoopbackAddress(), server.smtp, from, 0);
        client.setSoTimeout(TIMEOUT_MS);
        assertThat(SMTPReply.isPositiveCompletion(client.getReplyCode())).as(client.getReplyString()).isTrue();
        assertThat(client.sendCommand("EHLO", "client.test")).as(client.getReplyString()).isEqualTo(250);
        return client;
    }

    /** Over the MX port, as another mail server would send it: no AUTH, from 127.0.0.1. */
    static void submitUnauthenticated(ServerUnderTest server, String from, String to, String subject) throws Exception {
        Properties properties = common();
        properties.put("mail.smtp.from", from);
        Session session = Session.getInstance(properties);
        MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(message(from, to, subject, "hello\r\n")));
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect("127.0.0.1", server.smtp, null, null);
            transport.sendMessage(message, message.getAllRecipients());
        }
    }

    private static Properties smtpProperties(ServerUnderTest server) {
        Properties properties = common();
        properties.put("mail.smtp.auth", "true");
        properties.put("mail.smtp.starttls.enable", "true");
        properties.put("mail.smtp.starttls.required", "true");
        properties.put("mail.smtp.ssl.trust", "*");
        properties.put("mail.smtp.connectiontimeout", TIMEOUT_MS);
        properties.put("mail.smtp.timeout", TIMEOUT_MS);
        return properties;
    }

    enum Protocol {
        IMAP("imap", true), IMAPS("imaps", false), POP3("pop3", true), POP3S("pop3s", false);

        final String name;
        final boolean startTls;

        Protocol(String name, boolean startTls) {
            this.name = name;
            this.startTls = startTls;
        }

        int port(ServerUnderTest server) {
            return switch (this) {
                case IMAP -> server.imap;
                case IMAPS -> server.imaps;
                case POP3 -> server.pop3;
                case POP3S -> server.pop3s;
            };
        }
    }

    static Store open(ServerUnderTest server, Protocol protocol, String user, String password) throws Exception {
        Properties properties = common();
        String prefix = "mail." + protocol.name + ".";
        properties.put(prefix + "ssl.trust", "*");
        properties.put(prefix + "connectiontimeout", TIMEOUT_MS);
        properties.put(prefix + "timeout", TIMEOUT_MS);
        if (protocol.startTls) {
            properties.put(prefix + "starttls.enable", "true");
            properties.put(prefix + "starttls.required", "true");
        }
        Store store = Session.getInstance(properties).getStore(protocol.name);
        store.connect("127.0.0.1", protocol.port(server), user, password);
        return store;
    }

    static Folder inbox(Store store) throws Exception {
        Folder inbox = store.getFolder("INBOX");
        inbox.open(Folder.READ_ONLY);
        return inbox;
    }

    /**
     * POP3 shows a snapshot per session: each call opens the folder anew, so newly delivered mail is counted. Zero
     * while the INBOX does not exist (it is created with the user; should that fail, by the first delivery).
     */
    static int messageCount(Store store) throws Exception {
        Folder inbox = store.getFolder("INBOX");
        if (!inbox.exists()) {
            return 0;
        }
        inbox.open(Folder.READ_ONLY);
        try {
            return inbox.getMessageCount();
        } finally {
            inbox.close(false);
        }
    }

    static java.util.List<String> subjects(Store store) throws Exception {
        Folder inbox = inbox(store);
        try {
            java.util.List<String> subjects = new java.util.ArrayList<>();
            for (Message message : inbox.getMessages()) {
                subjects.add(message.getSubject());
            }
            return subjects;
        } finally {
            inbox.close(false);
        }
    }

    /** The body exactly as the server returns it: no decoding, no line-ending conversion. */
    static byte[] rawBody(Message message) throws Exception {
        try (InputStream in = ((MimeMessage) message).getRawInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        }
    }

    static byte[] message(String from, String to, String subject, String body) {
        String raw = "From: " + from + "\r\n"
            + "To: " + to + "\r\n"
            + "Subject: " + subject + "\r\n"
            + "Message-ID: <" + java.util.UUID.randomUUID() + "@test>\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=us-ascii\r\n"
            + "Content-Transfer-Encoding: 7bit\r\n"
            + "\r\n"
            + body;
        return raw.getBytes(StandardCharsets.US_ASCII);
    }

    private static Properties common() {
        Properties properties = new Properties();
        properties.put("mail.mime.allowutf8", "false");
        return properties;
    }
}
