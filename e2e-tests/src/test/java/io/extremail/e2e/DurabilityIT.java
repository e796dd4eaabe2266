package io.extremail.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Writer;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;

import org.apache.commons.net.smtp.SMTPClient;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.extremail.e2e.MailClients.Protocol;

/** What the server keeps across a clean restart and across a kill -9 of its JVM. */
class DurabilityIT {
    private static final int MESSAGES = 1_000;
    private static final int SESSIONS = 10;
    /** Some body (4 KiB) so that a message half written at the kill would show. */
    private static final String FILLER = ("0123456789".repeat(7) + "\r\n").repeat(56);
    private static final Duration REDELIVERY = Duration.ofMinutes(3);

    private static ServerUnderTest server;

    @BeforeAll
    static void startServer() throws Exception {
        server = ServerUnderTest.install("durability");
        server.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.stop();
    }

    @Test
    void usersDomainsAndMailSurviveARestart() throws Exception {
        String domain = MailFlowIT.uniqueDomain();
        String erin = "erin@" + domain;
        server.webAdmin().addDomain(domain);
        server.webAdmin().addUser(erin, "erin-secret");
        MailClients.submit(server, erin, "erin-secret", MailClients.message(erin, erin, "before the restart", "kept\r\n"));
        awaitSubjects(erin, "erin-secret", 1);

        server.stop();
        assertThat(server.process()).isEmpty();
        server.start();

        assertThat(server.webAdmin().get("/domains").body()).contains("\"" + domain + "\"");
        assertThat(server.webAdmin().get("/users").body()).contains("\"" + erin + "\"");
        assertThat(awaitSubjects(erin, "erin-secret", 1)).containsExactly("before the restart");
    }

    /**
     * Ten SMTP sessions send mail without pause; the JVM is killed at a random moment in the middle of it (sessions
     * cut mid-transaction). After a restart every message answered 250 is in its mailbox exactly once and whole; a
     * message whose 250 was lost with the connection may be there too (the client would send it again), once at most.
     */
    @Test
    void everyAcceptedMessageIsDeliveredExactlyOnceAfterAKillUnderLoad() throws Exception {
        String domain = MailFlowIT.uniqueDomain();
        server.webAdmin().addDomain(domain);
        List<String> recipients = new ArrayList<>();
        for (int session = 0; session < SESSIONS; session++) {
            recipients.add("load" + session + "@" + domain);
            server.webAdmin().addUser(recipients.get(session), "load-secret");
        }
        int killAfter = MESSAGES / 4 + new Random().nextInt(MESSAGES / 2);

        Collection<String> accepted = new ConcurrentLinkedQueue<>();
        Collection<String> attempted = new ConcurrentLinkedQueue<>();
        ExecutorService senders = Executors.newFixedThreadPool(SESSIONS);
        for (int session = 0; session < SESSIONS; session++) {
            String recipient = recipients.get(session);
            int first = session * (MESSAGES / SESSIONS);
            senders.submit(() -> send(recipient, first, MESSAGES / SESSIONS, attempted, accepted));
        }
        Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(20)).until(() -> accepted.size() >= killAfter);
        server.kill();
        senders.shutdown();
        assertThat(senders.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
        System.out.printf("DurabilityIT: killed after %d accepted messages (%d attempted)%n", accepted.size(), attempted.size());

        server.start();
        // Enough time for the queue to drain after the restart: no more messages than that will ever appear.
        try {
            // A folder's count may be off until its recount, e.g. one too high: a client's FETCH of it fails meanwhile.
            Awaitility.await().atMost(REDELIVERY).pollInterval(Duration.ofSeconds(1)).ignoreExceptionsInstanceOf(MessagingException.class)
                .until(() -> deliveredSubjects(recipients).containsAll(accepted));
        } catch (ConditionTimeoutException timeout) {
            throw new AssertionError(server.whereUndeliveredMailIs(accepted, deliveredSubjects(recipients)), timeout);
        }
        Thread.sleep(3000);
        List<String> delivered = deliveredSubjects(recipients);
        assertThat(delivered).doesNotHaveDuplicates().containsAll(accepted);
        assertThat(attempted).containsAll(delivered);
        // A delivery the kill interrupted has its folder recounted once mail stops arriving there (MailboxRecount).
        for (String recipient : recipients) {
            Awaitility.await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> assertFolderCountIsItsMessages(recipient));
        }
        System.out.printf("DurabilityIT: %d accepted, %d delivered after the restart%n", accepted.size(), delivered.size());
    }

    /**
     * What a mail client is told the INBOX holds (SELECT's EXISTS, from the folder's stored counts) is what it holds
     * (UID SEARCH ALL, from the messages): a kill between storing a message and counting it must not hide a message.
     */
    private static void assertFolderCountIsItsMessages(String user) throws Exception {
        try (RawSession imap = RawSession.tls(server.imaps, 30_000)) {
            imap.line();
            imap.send("a LOGIN " + user + " load-secret\r\n");
            assertThat(imap.imapTagged("a")).startsWith("a OK");
            imap.send("b SELECT INBOX\r\n");
            long exists = untaggedUntil(imap, "b").stream().filter(line -> line.endsWith(" EXISTS"))
                .mapToLong(line -> Long.parseLong(line.split(" ")[1])).findFirst().orElse(-1);
            imap.send("c UID SEARCH ALL\r\n");
            long stored = untaggedUntil(imap, "c").stream().filter(line -> line.startsWith("* SEARCH"))
                .mapToLong(line -> line.split(" ").length - 2).sum();
            assertThat(exists).as("EXISTS of " + user + "'s INBOX against its messages").isEqualTo(stored);
        }
    }

    /** The untagged lines answering the command tagged {@code tag}, which must succeed. */
    private static List<String> untaggedUntil(RawSession imap, String tag) throws IOException {
        List<String> untagged = new ArrayList<>();
        for (String line = imap.line(); line != null; line = imap.line()) {
            if (line.startsWith(tag + " ")) {
                assertThat(line).startsWith(tag + " OK");
                return untagged;
            }
            untagged.add(line);
        }
        throw new AssertionError("connection closed before the answer to " + tag);
    }

    /** The subjects in the recipients' INBOXes; fails on a message whose body is not the whole one that was sent. */
    private static List<String> deliveredSubjects(List<String> recipients) throws Exception {
        List<String> subjects = new ArrayList<>();
        for (String recipient : recipients) {
            try (Store store = MailClients.open(server, Protocol.IMAP, recipient, "load-secret")) {
                Folder inbox = MailClients.inbox(store);
                try {
                    for (Message message : inbox.getMessages()) {
                        String subject = message.getSubject();
                        String number = subject.substring("load message ".length());
                        assertThat(new String(MailClients.rawBody(message), StandardCharsets.US_ASCII))
                            .as("body of " + subject).isEqualTo("message number " + number + "\r\n" + FILLER);
                        subjects.add(subject);
                    }
                } finally {
                    inbox.close(false);
                }
            }
        }
        return subjects;
    }

    /** One SMTP session on the MX port, one transaction per message, as a sending MTA would; stops at the kill. */
    private static Void send(String recipient, int first, int count, Collection<String> attempted, Collection<String> accepted) {
        SMTPClient client = new SMTPClient();
        try {
            client.setDefaultTimeout(30_000);
            client.connect(InetAddress.getLoopbackAddress(), server.smtp);
            client.setSoTimeout(30_000);
            assertThat(client.sendCommand("EHLO", "load.test")).isEqualTo(250);
            for (int number = first; number < first + count; number++) {
                String subject = "load message " + number;
                assertThat(client.setSender("sender@remote.example")).as(client.getReplyString()).isTrue();
                assertThat(client.addRecipient(recipient)).as(client.getReplyString()).isTrue();
                Writer data = client.sendMessageData();
                assertThat(data).as(client.getReplyString()).isNotNull();
                attempted.add(subject);
                data.write("From: sender@remote.example\r\nTo: " + recipient + "\r\nSubject: " + subject
                    + "\r\n\r\nmessage number " + number + "\r\n" + FILLER);
                data.close();
                if (client.completePendingCommand()) {
                    accepted.add(subject);
                } else {
                    throw new AssertionError("message " + number + " refused: " + client.getReplyString());
                }
            }
            client.sendCommand("QUIT");
        } catch (IOException killed) {
            // the server was killed: this session ends here
        } finally {
            try {
                client.disconnect();
            } catch (IOException ignored) {
                // already gone
            }
        }
        return null;
    }

    /** Waits until the mailbox holds at least {@code expected} messages (and a moment more), then lists subjects. */
    private static List<String> awaitSubjects(String user, String password, int expected) throws Exception {
        try (Store store = MailClients.open(server, Protocol.IMAP, user, password)) {
            Awaitility.await().atMost(REDELIVERY).pollInterval(Duration.ofMillis(500)).until(() -> MailClients.messageCount(store) >= expected);
            return MailClients.subjects(store);
        }
    }
}
