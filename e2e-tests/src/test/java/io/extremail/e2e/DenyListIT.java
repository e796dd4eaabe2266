package io.extremail.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.mail.Message;
import jakarta.mail.Store;

import org.apache.commons.net.smtp.SMTPClient;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The six deny lists managed over WebAdmin and enforced by the SMTP hooks of the shipped smtpserver.xml. */
class DenyListIT {
    /** The design promises 200 ms on the node that took the change; the margin is for a loaded CI machine. */
    private static final Duration TAKES_EFFECT = Duration.ofSeconds(2);
    // 127.0.0.2 is SmtpPolicyIT's outside client: another loopback address keeps the tests independent.
    private static final String DENIED_CLIENT = "127.0.0.3";

    private static ServerUnderTest server;
    private static String domain;

    @BeforeAll
    static void startServer() throws Exception {
        server = SharedServer.get();
        domain = MailFlowIT.uniqueDomain();
        server.webAdmin().addDomain(domain);
        server.webAdmin().addUser("kim@" + domain, "kim-secret");
    }

    @AfterEach
    void removeRules() throws Exception {
        for (String kind : new String[] {"ipin", "ipout", "domainin", "mailboxin", "domainout", "mailboxout"}) {
            for (String value : server.webAdmin().get("/deny/" + kind + "?limit=10000").body()
                .replaceAll("[\\[\\]\"]", "").split(",")) {
                if (!value.isBlank()) {
                    server.webAdmin().delete("/deny/" + kind + "?value=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
                }
            }
        }
    }

    @Test
    void deniedClientIsRefusedAtConnectAndServedAgainOnceTheRuleIsRemoved() throws Exception {
        assertThat(banner(DENIED_CLIENT)).startsWith("220 ");

        assertNoContent(server.webAdmin().post("/deny/ipin", "{\"value\":\"" + DENIED_CLIENT + "\"}"));

        Awaitility.await().atMost(TAKES_EFFECT).pollInterval(Duration.ofMillis(50))
            .until(() -> banner(DENIED_CLIENT).startsWith("554 "));
        assertThat(banner(DENIED_CLIENT)).contains("IPIN " + DENIED_CLIENT + "/32");
        assertThat(banner("127.0.0.1")).startsWith("220 ");

        assertNoContent(server.webAdmin().delete("/deny/ipin?value=" + DENIED_CLIENT + "/32"));
        Awaitility.await().atMost(TAKES_EFFECT).pollInterval(Duration.ofMillis(50))
            .until(() -> banner(DENIED_CLIENT).startsWith("220 "));
    }

    @Test
    void deniedSenderDomainIsRefusedAtMailFromButNeverTheNullSender() throws Exception {
        assertNoContent(server.webAdmin().post("/deny/domainin", "{\"value\":\"Spammer.example\"}"));
        assertNoContent(server.webAdmin().post("/deny/mailboxin", "{\"value\":\"pest@ham.example\"}"));

        Awaitility.await().atMost(TAKES_EFFECT).pollInterval(Duration.ofMillis(50))
            .until(() -> mailFromReply("someone@spammer.example") == 550);
        SMTPClient client = MailClients.mx(server);
        try {
            assertThat(client.mail("<someone@spammer.example>")).isEqualTo(550);
            assertThat(client.getReplyString()).contains("DOMAININ spammer.example");
            assertThat(client.mail("<pest@ham.example>")).isEqualTo(550);
            assertThat(client.getReplyString()).contains("MAILBOXIN pest@ham.example");
            // Not written .spammer.example: its subdomains are not covered.
            assertThat(client.mail("<someone@sub.spammer.example>")).isEqualTo(250);
            client.reset();
            assertThat(client.mail("<>")).isEqualTo(250);
            assertThat(client.addRecipient("kim@" + domain)).as(client.getReplyString()).isTrue();
        } finally {
            client.disconnect();
        }
    }

    @Test
    void deniedRemoteRecipientIsRefusedAtRcptEvenForARelayingClient() throws Exception {
        assertNoContent(server.webAdmin().post("/deny/mailboxout", "{\"value\":\"boss@rival.example\"}"));
        assertNoContent(server.webAdmin().post("/deny/domainout", "{\"value\":\"." + domain + "\"}"));
        assertNoContent(server.webAdmin().post("/deny/domainout", "{\"value\":\"" + domain + "\"}"));

        Awaitility.await().atMost(TAKES_EFFECT).pollInterval(Duration.ofMillis(50))
            .until(() -> rcptReply("boss@rival.example") == 550);
        SMTPClient client = MailClients.mx(server);
        try {
            // 127.0.0.1 is an authorized (relaying) network of the server under test.
            assertThat(client.mail("<kim@" + domain + ">")).isEqualTo(250);
            assertThat(client.rcpt("<boss@rival.example>")).isEqualTo(550);
            assertThat(client.getReplyString()).contains("MAILBOXOUT boss@rival.example");
            assertThat(client.rcpt("<clerk@rival.example>")).isEqualTo(250);
            // OUT rules judge relayed mail only: our own domain stays reachable.
            assertThat(client.rcpt("<kim@" + domain + ">")).isEqualTo(250);
            client.reset();
        } finally {
            client.disconnect();
        }
    }

    @Test
    void mailForADeniedServerBouncesNamingTheRule() throws Exception {
        assertNoContent(server.webAdmin().post("/deny/ipout", "{\"value\":\"127.0.0.9\"}"));
        Thread.sleep(TAKES_EFFECT.toMillis());
        String kim = "kim@" + domain;

        // A domain literal names the server itself: no DNS needed, and nothing listens there.
        MailClients.submit(server, kim, "kim-secret", MailClients.message(kim, "someone@[127.0.0.9]", "to a denied server", "hi\r\n"));

        try (Store store = MailClients.open(server, MailClients.Protocol.IMAP, kim, "kim-secret")) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> MailClients.messageCount(store) >= 1);
            Message bounce = MailClients.inbox(store).getMessage(1);
            String text = new String(bounce.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(text).contains("IPOUT 127.0.0.9/32 covers its mail server 127.0.0.9", "someone@[127.0.0.9]");
        }
    }

    @Test
    void webAdminValidatesKindValueAndPaging() throws Exception {
        assertThat(server.webAdmin().post("/deny/nosuch", "{\"value\":\"x\"}")).satisfies(response -> {
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.body()).contains("kind: 'nosuch' is not a deny list");
        });
        assertBadRequest(server.webAdmin().post("/deny/ipin", "{\"value\":\"300.1.1.1\"}"), "value: '300.1.1.1' is not an IP address");
        assertBadRequest(server.webAdmin().post("/deny/ipin", "{\"value\":\"10.0.0.0/40\"}"), "prefix length must be 0 to 32");
        assertBadRequest(server.webAdmin().post("/deny/domainin", "{}"), "value: is missing");
        assertBadRequest(server.webAdmin().post("/deny/domainin", "not json"), "body: not JSON");
        assertBadRequest(server.webAdmin().post("/deny/mailboxout", "{\"value\":\"no address\"}"), "is not a mail address");
        assertBadRequest(server.webAdmin().delete("/deny/ipin"), "value: the query parameter is missing");
        assertBadRequest(server.webAdmin().get("/deny/ipin?limit=many"), "limit: 'many'");
        assertThat(server.webAdmin().delete("/deny/ipin?value=192.0.2.1").statusCode()).isEqualTo(404);

        for (String value : new String[] {"c.example", "a.example", "b.example"}) {
            assertNoContent(server.webAdmin().post("/deny/domainin", "{\"value\":\"" + value + "\"}"));
        }
        assertNoContent(server.webAdmin().post("/deny/domainin", "{\"value\":\"A.example\"}"));
        assertThat(server.webAdmin().get("/deny/domainin?limit=2").body()).isEqualTo("[\"a.example\",\"b.example\"]");
        assertThat(server.webAdmin().get("/deny/domainin?offset=2&limit=2").body()).isEqualTo("[\"c.example\"]");
        // Counted from the rules in memory, in force within a second of the change.
        Awaitility.await().atMost(Duration.ofSeconds(2)).untilAsserted(() ->
            assertThat(server.webAdmin().get("/deny").body()).contains("\"DOMAININ\":3"));
    }

    private static void assertNoContent(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
    }

    private static void assertBadRequest(HttpResponse<String> response, String message) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains(message);
    }

    private static String banner(String from) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.smtp, InetAddress.getByName(from), 0)) {
            socket.setSoTimeout(10_000);
            String line = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            return line == null ? "" : line;
        }
    }


    private static int mailFromReply(String sender) throws IOException {
        SMTPClient client = MailClients.mx(server);
        try {
            return client.mail("<" + sender + ">");
        } finally {
            client.disconnect();
        }
    }

    private static int rcptReply(String recipient) throws IOException {
        SMTPClient client = MailClients.mx(server);
        try {
            client.mail("<kim@" + domain + ">");
            return client.rcpt("<" + recipient + ">");
        } finally {
            client.disconnect();
        }
    }
}
