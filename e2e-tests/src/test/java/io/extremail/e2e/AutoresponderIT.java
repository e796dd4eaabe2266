package io.extremail.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.extremail.e2e.MailClients.Protocol;

/**
 * The Autoresponder of the pipeline (RFC 3834) on the vacation set over WebAdmin: one reply per sender even for mails
 * processed at the same moment, none to bulk mail, each marked as automatic and sent from the null sender.
 */
class AutoresponderIT {
    private static ServerUnderTest server;

    private String gina;
    private String hank;

    @BeforeAll
    static void startServer() throws Exception {
        server = SharedServer.get();
    }

    @BeforeEach
    void awayUser() throws Exception {
        String domain = MailFlowIT.uniqueDomain();
        gina = "gina@" + domain;
        hank = "hank@" + domain;
        server.webAdmin().addDomain(domain);
        server.webAdmin().addUser(gina, "gina-secret");
        server.webAdmin().addUser(hank, "hank-secret");
        var set = server.webAdmin().post("/vacation/" + gina,
            "{\"enabled\":true,\"subject\":\"Out of office\",\"textBody\":\"Back on Monday.\"}");
        assertThat(set.statusCode()).as(set.body()).isEqualTo(204);
    }

    @Test
    void twoMailsSentAtTheSameMomentGetOneReply() throws Exception {
        sendAtOnce(MailClients.message(hank, gina, "first question", "?\r\n"),
            MailClients.message(hank, gina, "second question", "??\r\n"));

        assertThat(awaitSubjects(gina, "gina-secret", 2))
            .containsExactlyInAnyOrder("first question", "second question");
        assertThat(awaitSubjects(hank, "hank-secret", 1)).containsExactly("Out of office");
    }

    @Test
    void replyIsAutoRepliedFromTheNullSender() throws Exception {
        byte[] question = MailClients.message(hank, gina, "question", "?\r\n");
        MailClients.submit(server, hank, "hank-secret", question);

        awaitSubjects(hank, "hank-secret", 1);
        try (Store store = MailClients.open(server, Protocol.IMAPS, hank, "hank-secret")) {
            Folder inbox = MailClients.inbox(store);
            Message reply = inbox.getMessage(1);
            assertThat(reply.getHeader("Auto-Submitted")).containsExactly("auto-replied");
            assertThat(reply.getHeader("In-Reply-To")).containsExactly(messageId(question));
            assertThat(reply.getHeader("Return-Path")).containsExactly("<>");
            inbox.close(false);
        }
    }

    @Test
    void bulkMailGetsNoReply() throws Exception {
        byte[] bulk = withHeader("Precedence: bulk", MailClients.message(hank, gina, "newsletter", "news\r\n"));
        MailClients.submit(server, hank, "hank-secret", bulk);
        awaitSubjects(gina, "gina-secret", 1);
        // Sent once the bulk mail is delivered, so its reply, if any, was queued before this one's.
        byte[] question = MailClients.message(hank, gina, "question", "?\r\n");
        MailClients.submit(server, hank, "hank-secret", question);

        awaitSubjects(hank, "hank-secret", 1);
        try (Store store = MailClients.open(server, Protocol.IMAPS, hank, "hank-secret")) {
            Folder inbox = MailClients.inbox(store);
            assertThat(inbox.getMessageCount()).isEqualTo(1);
            assertThat(inbox.getMessage(1).getHeader("In-Reply-To")).containsExactly(messageId(question));
            inbox.close(false);
        }
    }

    /** Two submission sessions, connected first, then both sending when a barrier opens. */
    private void sendAtOnce(byte[]... messages) throws Exception {
        CyclicBarrier barrier = new CyclicBarrier(messages.length);
        ExecutorService senders = Executors.newFixedThreadPool(messages.length);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (byte[] message : messages) {
                sent.add(senders.submit(() -> {
                    try (Transport transport = MailClients.submission(server, hank, "hank-secret")) {
                        barrier.await();
                        MailClients.send(transport, message);
                    }
                    return null;
                }));
            }
            for (Future<?> each : sent) {
                each.get();
            }
        } finally {
            senders.shutdownNow();
        }
    }

    private static byte[] withHeader(String header, byte[] message) {
        return (header + "\r\n" + new String(message, StandardCharsets.US_ASCII)).getBytes(StandardCharsets.US_ASCII);
    }

    private static String messageId(byte[] message) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(message))
            .getMessageID();
    }

    private static List<String> awaitSubjects(String user, String password, int expected) throws Exception {
        try (Store store = MailClients.open(server, Protocol.IMAPS, user, password)) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> MailClients.messageCount(store) >= expected);
            // A second reply would arrive right after the first: give it the time to show up.
            Thread.sleep(2000);
            return MailClients.subjects(store);
        }
    }
}
