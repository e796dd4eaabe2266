package io.extremail.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

import jakarta.mail.Store;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.extremail.e2e.MailClients.Protocol;

/**
 * Queue reports and control from the console: a message to a host where nothing listens (domain literals on
 * loopback: no DNS) shows in QUEUE SHOW with its last error and next retry; QUEUE FLUSH retries it; after the
 * configured attempts (maxRetries 2 here) the sender gets a failure DSN, after a single delay DSN (delayNoticeAfter 1
 * here). Its own server: the retry settings differ.
 */
class QueueIT {
    private static ServerUnderTest server;
    private static String password;

    @BeforeAll
    static void startServer() throws Exception {
        server = ServerUnderTest.install("queue_it");
        server.distribution().edit("mailetcontainer.xml", "<maxRetries>10</maxRetries>", "<maxRetries>2</maxRetries>");
        server.distribution().edit("mailetcontainer.xml", "<delayNoticeAfter>3</delayNoticeAfter>", "<delayNoticeAfter>1</delayNoticeAfter>");
        server.start();
        password = Files.readString(server.distribution().home().resolve("var/console-initial-password")).strip();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void anUndeliverableMessageIsReportedRetriedOnFlushAndBouncedAfterTheLastAttempt() throws Exception {
        String domain = MailFlowIT.uniqueDomain();
        String sender = "sender@" + domain;
        server.webAdmin().addDomain(domain);
        server.webAdmin().addUser(sender, "secret");

        MailClients.submit(server, sender, "secret", MailClients.message(sender, "nobody@[127.0.0.10]", "unreachable", "hello\r\n"));

        try (ConsoleClient console = ConsoleClient.loggedIn(server.console, password)) {
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> console.send("QUEUE SHOW QUEUE=outgoing").lines().stream().anyMatch(line -> line.contains("error=")));
            ConsoleClient.Reply shown = console.send("QUEUE SHOW QUEUE=outgoing DOMAIN=[127.0.0.10]");
            assertThat(shown.status()).isEqualTo("OK 1 message(s) in outgoing");
            assertThat(shown.lines().get(0)).contains("from=<" + sender + ">", "to=nobody@127.0.0.10", "attempts=1", "error=");
            assertThat(shown.lines().get(0)).doesNotContain("next=now");
            ConsoleClient.Reply report = console.send("QUEUE REPORT");
            assertThat(report.status()).as(report.all()).isEqualTo("OK 2 queue(s)");
            assertThat(report.lines()).anyMatch(line -> line.startsWith("queue outgoing: 1 message(s)"))
                .anyMatch(line -> line.equals("  outgoing 127.0.0.10: 1"));

            // delayNoticeAfter 1: the first failed attempt warns the sender, once.
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> subjects(sender).contains("Delayed Mail (still being retried): unreachable"));

            for (int flush = 0; flush < 5 && subjects(sender).size() < 2; flush++) {
                assertThat(console.send("QUEUE FLUSH QUEUE=outgoing").ok()).isTrue();
                Thread.sleep(3000);
            }
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> subjects(sender).size() >= 2);
            assertThat(console.send("QUEUE SHOW").status()).isEqualTo("OK 0 message(s) in outgoing");
            Thread.sleep(2000);
            List<String> received = subjects(sender);
            assertThat(received).hasSize(2).contains("Delayed Mail (still being retried): unreachable")
                .anyMatch(subject -> !subject.startsWith("Delayed Mail"));
        }
    }

    @Test
    void queuedMessagesForADomainCanBeDeleted() throws Exception {
        String domain = MailFlowIT.uniqueDomain();
        String sender = "deleter@" + domain;
        server.webAdmin().addDomain(domain);
        server.webAdmin().addUser(sender, "secret");
        MailClients.submit(server, sender, "secret", MailClients.message(sender, "nobody@[127.0.0.11]", "to delete", "hello\r\n"));

        try (ConsoleClient console = ConsoleClient.loggedIn(server.console, password)) {
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> console.send("QUEUE SHOW DOMAIN=[127.0.0.11]").status().equals("OK 1 message(s) in outgoing"));
            assertThat(console.send("QUEUE DEL").status()).startsWith("ERR 400 NAME: give exactly one of NAME, DOMAIN or ALL=YES");
            assertThat(console.send("QUEUE SHOW QUEUE=nowhere").status()).startsWith("ERR 404 QUEUE: no queue 'nowhere'");
            assertThat(console.send("QUEUE DEL DOMAIN=[127.0.0.11]").status()).isEqualTo("OK 1 message(s) for [127.0.0.11] deleted from outgoing");
            assertThat(console.send("QUEUE SHOW DOMAIN=[127.0.0.11]").status()).isEqualTo("OK 0 message(s) in outgoing");
        }
    }

    private static List<String> subjects(String user) throws Exception {
        try (Store store = MailClients.open(server, Protocol.IMAPS, user, "secret")) {
            return MailClients.messageCount(store) == 0 ? List.of() : MailClients.subjects(store);
        }
    }
}
