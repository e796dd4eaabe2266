package io.extremail.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.mail.Store;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.extremail.e2e.MailClients.Protocol;
import io.extremail.launcher.EmbeddedCassandra;

/**
 * The Cassandra node goes down under the running server (its own node, killed like a crashed database) and comes
 * back: meanwhile SMTP answers temporary (4xx) replies or accepts only what it keeps (the spool is on local disk),
 * never a permanent refusal of a valid recipient; IMAP and POP3 logins fail cleanly and quickly; once the node is
 * back the server recovers without a restart, and every message answered 250 is delivered exactly once: mail the
 * spool was processing when the node went down waits in the spool (IsStorageUnavailable + Requeue), not bounced.
 */
class CassandraOutageIT {
    private static EmbeddedCassandra node;
    private static ServerUnderTest server;
    private static String user;

    @BeforeAll
    static void startServer() throws Exception {
        node = DurableTestNode.start("cassandra-outage");
        server = ServerUnderTest.install("outage");
        server.distribution().edit("cassandra.properties", "cassandra.nodes=127.0.0.1:" + TestCassandra.nativePort(),
            "cassandra.nodes=127.0.0.1:" + node.nativePort());
        // A node killed like a crashed database keeps what it wrote to its commit log: durable, as in production
        // (the other tests' node skips that for speed).
        server.distribution().edit("cassandra.properties", "cassandra.durable.writes=false", "cassandra.durable.writes=true");
        server.start();
        String domain = MailFlowIT.uniqueDomain();
        user = "steady@" + domain;
        server.webAdmin().addDomain(domain);
        server.webAdmin().addUser(user, "secret");
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
        if (node != null) {
            node.stop();
        }
    }

    @Test
    void theServerDegradesCleanlyAndRecoversByItself() throws Exception {
        List<String> accepted = new ArrayList<>();
        for (int message = 0; message < 10; message++) {
            assertThat(send("before " + message)).isEqualTo(250);
            accepted.add("before " + message);
        }

        DurableTestNode.kill(node);

        Map<Integer, Integer> outageReplies = new TreeMap<>();
        Instant outageEnd = Instant.now().plusSeconds(20);
        int number = 0;
        while (Instant.now().isBefore(outageEnd)) {
            String subject = "during " + number++;
            int reply = send(subject);
            outageReplies.merge(reply, 1, Integer::sum);
            if (reply == 250) {
                accepted.add(subject);
            }
            // Not thousands of connections: their local ports in TIME_WAIT could take the node's ports.
            Thread.sleep(100);
        }
        Instant loginStart = Instant.now();
        String imapLogin = imapLogin();
        Duration imapTook = Duration.between(loginStart, Instant.now());
        loginStart = Instant.now();
        String popLogin = popLogin();
        Duration popTook = Duration.between(loginStart, Instant.now());
        System.out.printf("CassandraOutageIT: during the outage SMTP replies %s; IMAP login '%s' in %d ms; POP3 login '%s' in %d ms%n",
            outageReplies, imapLogin, imapTook.toMillis(), popLogin, popTook.toMillis());

        assertThat(outageReplies.keySet()).as("SMTP replies during the outage").allMatch(code -> code == 250 || (code >= 400 && code < 500) || code == -1);
        assertThat(outageReplies.keySet()).as("SMTP replies during the outage").anyMatch(code -> code >= 400 && code < 500);
        assertThat(imapLogin).matches("a1 (NO|BAD).*|closed");
        assertThat(popLogin).matches("-ERR.*|closed");
        assertThat(imapTook).isLessThan(Duration.ofSeconds(30));
        assertThat(popTook).isLessThan(Duration.ofSeconds(30));
        assertThat(server.process()).as("the server during the outage").isPresent();

        DurableTestNode.restart(node);
        Instant back = Instant.now();
        assertThat(recovers(Duration.ofSeconds(90))).as("SMTP accepts mail again, without a restart").isTrue();
        System.out.printf("CassandraOutageIT: the server accepted mail again %d s after the node was back%n",
            Duration.between(back, Instant.now()).toSeconds());
        accepted.add("after");

        try (Store store = MailClients.open(server, Protocol.IMAPS, user, "secret")) {
            try {
                Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> MailClients.subjects(store).containsAll(accepted));
            } catch (ConditionTimeoutException timeout) {
                throw new AssertionError(server.whereUndeliveredMailIs(accepted, MailClients.subjects(store)), timeout);
            }
            Thread.sleep(2000);
            List<String> subjects = MailClients.subjects(store);
            assertThat(subjects).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(accepted);
        }
        // A store that failed during the outage went to the error processor, which requeued it: not to the
        // spooler's own error handling, which retries at once and after 5 failures sets the mail aside.
        List<String> spoolerFailures = Files.readAllLines(server.distribution().home().resolve("logs/server.log")).stream()
            .filter(line -> line.contains("JamesMailSpooler - Failed") || line.contains("Not supported mail attribute")).toList();
        assertThat(spoolerFailures).as("mails failed up to the spooler, or requeued with their exception").isEmpty();
        assertThat(server.mailRepository("error")).as("var/mail/error, created with its first mail").matches("\\[]|.*does not exist.*");
    }

    private static boolean recovers(Duration within) {
        try {
            Awaitility.await().atMost(within).pollInterval(Duration.ofSeconds(2)).until(() -> send("after") == 250);
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    /** One message over the MX port from loopback: the reply to the end of DATA, or the earlier refusal; -1 when cut. */
    private static int send(String subject) {
        try (RawSession session = new RawSession(server.smtp, InetAddress.getLoopbackAddress(), 30_000)) {
            String[] commands = {"EHLO outage.test", "MAIL FROM:<sender@outside.example>", "RCPT TO:<" + user + ">", "DATA"};
            int[] expected = {250, 250, 250, 354};
            int reply = session.smtpReply();
            if (reply != 220) {
                return reply;
            }
            for (int step = 0; step < commands.length; step++) {
                session.send(commands[step] + "\r\n");
                reply = session.smtpReply();
                if (reply != expected[step]) {
                    return reply;
                }
            }
            session.send("From: sender@outside.example\r\nTo: " + user + "\r\nSubject: " + subject + "\r\n\r\nduring an outage\r\n.\r\n");
            reply = session.smtpReply();
            session.send("QUIT\r\n");
            return reply;
        } catch (IOException e) {
            return -1;
        }
    }

    private static String imapLogin() {
        try (RawSession session = RawSession.tls(server.imaps, 30_000)) {
            session.line();
            session.send("a1 LOGIN " + user + " secret\r\n");
            String reply = session.imapTagged("a1");
            return reply == null ? "closed" : reply;
        } catch (Exception e) {
            return "closed";
        }
    }

    private static String popLogin() {
        try (RawSession session = RawSession.tls(server.pop3s, 30_000)) {
            session.line();
            session.send("USER " + user + "\r\n");
            session.line();
            session.send("PASS secret\r\n");
            String reply = session.line();
            return reply == null ? "closed" : reply;
        } catch (Exception e) {
            return "closed";
        }
    }
}
