package io.extremail.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Store;

import org.apache.commons.net.smtp.SMTPClient;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Global, domain and user quotas stored in Cassandra and the usage James computes, over WebAdmin. */
class QuotaIT {
    private static ServerUnderTest server;

    @BeforeAll
    static void startServer() throws Exception {
        server = SharedServer.get();
    }

    @Test
    void limitsAtEachLevelAndTheUsageAreReported() throws Exception {
        String domain = MailFlowIT.uniqueDomain();
        String ivy = "ivy@" + domain;
        server.webAdmin().addDomain(domain);
        server.webAdmin().addUser(ivy, "ivy-secret");

        assertNoContent(server.webAdmin().put("/quota/size", "1000000"));
        assertNoContent(server.webAdmin().put("/quota/domains/" + domain + "/size", "500000"));
        assertNoContent(server.webAdmin().put("/quota/users/" + ivy + "/size", "100000"));
        assertNoContent(server.webAdmin().put("/quota/users/" + ivy + "/count", "50"));
        MailClients.submit(server, ivy, "ivy-secret", MailClients.message(ivy, ivy, "counted", "some bytes\r\n"));

        Awaitility.await().atMost(Duration.ofSeconds(30))
            .until(() -> server.webAdmin().get("/quota/users/" + ivy).body().contains("\"count\":1,\"ratio\""));
        String quota = server.webAdmin().get("/quota/users/" + ivy).body();
        assertThat(quota).contains("\"global\":{\"count\":null,\"size\":1000000}",
            "\"domain\":{\"count\":null,\"size\":500000}",
            "\"user\":{\"count\":50,\"size\":100000}",
            "\"computed\":{\"count\":50,\"size\":100000}",
            "\"occupation\":{\"size\":");
        assertThat(server.webAdmin().get("/quota/users/" + ivy + "/size").body()).isEqualTo("100000");
    }

    @Test
    void fullMailboxIsRefusedAtRcptAndAnOverflowingMessageBounces() throws Exception {
        String domain = MailFlowIT.uniqueDomain();
        String full = "full@" + domain;
        String small = "small@" + domain;
        String sender = "sender@" + domain;
        server.webAdmin().addDomain(domain);
        server.webAdmin().addUser(full, "full-secret");
        server.webAdmin().addUser(small, "small-secret");
        server.webAdmin().addUser(sender, "sender-secret");
        assertNoContent(server.webAdmin().put("/quota/users/" + full + "/count", "1"));
        assertNoContent(server.webAdmin().put("/quota/users/" + small + "/size", "2000"));

        MailClients.submit(server, sender, "sender-secret", MailClients.message(sender, full, "fills it", "one\r\n"));
        Awaitility.await().atMost(Duration.ofSeconds(30))
            .until(() -> server.webAdmin().get("/quota/users/" + full).body().contains("\"count\":1,\"ratio\""));

        SMTPClient client = MailClients.mx(server);
        try {
            assertThat(client.mail("<someone@remote.example>")).isEqualTo(250);
            assertThat(client.rcpt("<" + full + ">")).as(client.getReplyString()).isEqualTo(552);
            assertThat(client.getReplyString()).contains("is full");
            assertThat(client.rcpt("<" + small + ">")).isEqualTo(250);
        } finally {
            client.disconnect();
        }

        // Room left, but not for this message: accepted at RCPT, bounced at delivery.
        MailClients.submit(server, sender, "sender-secret",
            MailClients.message(sender, small, "too big for the mailbox", "z".repeat(900) + "\r\n" + "z".repeat(900) + "\r\n" + "z".repeat(900) + "\r\n"));
        try (Store store = MailClients.open(server, MailClients.Protocol.IMAPS, sender, "sender-secret")) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> MailClients.messageCount(store) >= 1);
            String bounce = new String(MailClients.inbox(store).getMessage(1).getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(bounce).contains("mailbox of the recipient is full", small);
        }
    }

    @Test
    void roomFreedByExpungingIsUsableAtOnce() throws Exception {
        String domain = MailFlowIT.uniqueDomain();
        String kim = "kim@" + domain;
        server.webAdmin().addDomain(domain);
        server.webAdmin().addUser(kim, "kim-secret");
        assertNoContent(server.webAdmin().put("/quota/users/" + kim + "/count", "1"));
        MailClients.submit(server, kim, "kim-secret", MailClients.message(kim, kim, "fills it", "one\r\n"));
        Awaitility.await().atMost(Duration.ofSeconds(30))
            .until(() -> server.webAdmin().get("/quota/users/" + kim).body().contains("\"count\":1,\"ratio\""));
        assertThat(rcptFromRemote(kim)).isEqualTo(552);

        try (Store store = MailClients.open(server, MailClients.Protocol.IMAPS, kim, "kim-secret")) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            inbox.getMessage(1).setFlag(Flags.Flag.DELETED, true);
            inbox.close(true);
        }

        // At once: the usage this server keeps for a second follows its own expunge, not the count read before it.
        assertThat(rcptFromRemote(kim)).isEqualTo(250);
        assertThat(server.webAdmin().get("/quota/users/" + kim).body()).contains("\"count\":0,\"ratio\"");
    }

    private static int rcptFromRemote(String recipient) throws Exception {
        SMTPClient client = MailClients.mx(server);
        try {
            assertThat(client.mail("<someone@remote.example>")).isEqualTo(250);
            return client.rcpt("<" + recipient + ">");
        } finally {
            client.disconnect();
        }
    }

    private static void assertNoContent(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
    }
}
