package io.extremail.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Writer;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.mail.Store;

import org.apache.commons.net.smtp.SMTPClient;
import org.apache.commons.net.smtp.SMTPReply;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.extremail.e2e.MailClients.Protocol;

/** What the server keeps across a clean restart and across a kill -9 of its JVM. */
class DurabilityIT {
    private static final int MESSAGES = 200;
    private static final int SESSIONS = 4;
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
     * Four SMTP sessions send 200 messages; the JVM is killed the moment the last 250 arrives, while most messages
     * are still queued or being delivered. After a restart every accepted message is in its mailbox exactly once.
     */
    @Test
    void everyAcceptedMessageIsDeliveredExactlyOnceAfterAKill() throws Exception {
        String domain = MailFlowIT.uniqueDomain();
        server.webAdmin().addDomain(domain);
        List<String> recipients = new ArrayList<>();
        for (int session = 0; session < SESSIONS; session++) {
            recipients.add("load" + session + "@" + domain);
            server.webAdmin().addUser(recipients.get(session), "load-secret");
        }

        Collection<String> accepted = sendConcurrently(recipients);
        server.kill();
        assertThat(accepted).hasSize(MESSAGES);

        server.start();
        List<String> delivered = new ArrayList<>();
        for (int session = 0; session < SESSIONS; session++) {
            delivered.addAll(awaitSubjects(recipients.get(session), "load-secret", MESSAGES / SESSIONS));
        }
        assertThat(delivered).containsExactlyInAnyOrderElementsOf(accepted);
    }

    private static Collection<String> sendConcurrently(List<String> recipients) throws Exception {
        Collection<String> accepted = new ConcurrentLinkedQueue<>();
        ExecutorService senders = Executors.newFixedThreadPool(SESSIONS);
        try {
            List<Future<?>> sessions = new ArrayList<>();
            for (int session = 0; session < SESSIONS; session++) {
                String recipient = recipients.get(session);
                int first = session * (MESSAGES / SESSIONS);
                sessions.add(senders.submit(() -> {
                    send(recipient, first, MESSAGES / SESSIONS, accepted);
                    return null;
                }));
            }
            for (Future<?> session : sessions) {
                session.get();
            }
        } finally {
            senders.shutdownNow();
        }
        return accepted;
    }

    /** One SMTP session on the MX port, one transaction per message, as a sending MTA would. */
    private static void send(String recipient, int first, int count, Collection<String> accepted) throws Exception {
        SMTPClient client = new SMTPClient();
        client.setDefaultTimeout(30_000);
        client.connect(InetAddress.getLoopbackAddress(), server.smtp);
        try {
            client.setSoTimeout(30_000);
            assertThat(client.sendCommand("EHLO", "load.test")).isEqualTo(250);
            for (int number = first; number < first + count; number++) {
                String subject = "load message " + number;
                assertThat(client.setSender("sender@remote.example")).as(client.getReplyString()).isTrue();
                assertThat(client.addRecipient(recipient)).as(client.getReplyString()).isTrue();
                Writer data = client.sendMessageData();
                assertThat(data).as(client.getReplyString()).isNotNull();
                data.write("From: sender@remote.example\r\nTo: " + recipient + "\r\nSubject: " + subject
                    + "\r\n\r\nmessage number " + number + "\r\n");
                data.close();
                if (client.completePendingCommand()) {
                    accepted.add(subject);
                } else {
                    throw new AssertionError("message " + number + " refused: " + client.getReplyString());
                }
            }
            client.sendCommand("QUIT");
        } finally {
            client.disconnect();
        }
        assertThat(SMTPReply.isPositiveCompletion(client.getReplyCode())).isTrue();
    }

    /** Waits until the mailbox holds at least {@code expected} messages (and a moment more), then lists subjects. */
    private static List<String> awaitSubjects(String user, String password, int expected) throws Exception {
        try (Store store = MailClients.open(server, Protocol.IMAP, user, password)) {
            Awaitility.await().atMost(REDELIVERY).pollInterval(Duration.ofMillis(500)).until(() -> MailClients.messageCount(store) >= expected);
            return MailClients.subjects(store);
        }
    }
}
