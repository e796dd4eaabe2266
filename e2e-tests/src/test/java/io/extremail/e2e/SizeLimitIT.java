package io.extremail.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.mail.MessagingException;
import jakarta.mail.Store;

import org.apache.commons.net.smtp.AuthenticatingSMTPClient;
import org.apache.commons.net.smtp.SMTPClient;
import org.apache.commons.net.util.TrustManagerUtils;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.extremail.e2e.MailClients.Protocol;

/** Per-user maximum incoming and outgoing message sizes, managed over WebAdmin /limits. */
class SizeLimitIT {
    private static final int BIG = 5000;

    private static ServerUnderTest server;
    private static String nina;
    private static String omar;
    private static String pat;

    @BeforeAll
    static void startServer() throws Exception {
        server = SharedServer.get();
        String domain = MailFlowIT.uniqueDomain();
        nina = "nina@" + domain;
        omar = "omar@" + domain;
        pat = "pat@" + domain;
        server.webAdmin().addDomain(domain);
        for (String user : new String[] {nina, omar, pat}) {
            server.webAdmin().addUser(user, "secret");
        }
        assertNoContent(server.webAdmin().put("/limits/users/" + nina, "{\"maxIncomingSize\": 2000}"));
        assertNoContent(server.webAdmin().put("/limits/users/" + pat, "{\"maxOutgoingSize\": 3000}"));
    }

    @Test
    void incomingLimitIsEnforcedAtRcptAndAtEndOfData() throws Exception {
        SMTPClient client = MailClients.mx(server);
        try {
            assertThat(client.mail("<someone@remote.example> SIZE=" + BIG)).isEqualTo(250);
            assertThat(client.rcpt("<" + nina + ">")).isEqualTo(552);
            assertThat(client.getReplyString()).contains("Message too big for recipient " + nina, "limit 2000 bytes");
            assertThat(client.rcpt("<" + omar + ">")).isEqualTo(250);
            client.reset();

            assertThat(client.mail("<someone@remote.example>")).isEqualTo(250);
            assertThat(client.rcpt("<" + nina + ">")).isEqualTo(250);
            assertThat(sendData(client, "too big for nina")).isEqualTo(552);
        } finally {
            client.disconnect();
        }
    }

    @Test
    void messageTooBigForSomeRecipientsReachesTheOthersAndBouncesForThem() throws Exception {
        SMTPClient client = MailClients.mx(server);
        try {
            assertThat(client.mail("<" + pat + ">")).isEqualTo(250);
            assertThat(client.rcpt("<" + nina + ">")).isEqualTo(250);
            assertThat(client.rcpt("<" + omar + ">")).isEqualTo(250);
            assertThat(sendData(client, "for nina and omar")).isEqualTo(250);
        } finally {
            client.disconnect();
        }

        try (Store store = MailClients.open(server, Protocol.IMAPS, omar, "secret")) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> MailClients.messageCount(store) >= 1);
            assertThat(MailClients.subjects(store)).containsExactly("for nina and omar");
        }
        try (Store store = MailClients.open(server, Protocol.IMAPS, pat, "secret")) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> MailClients.messageCount(store) >= 1);
            String bounce = new String(MailClients.inbox(store).getMessage(1).getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(bounce).contains("bigger than the recipient accepts", nina).doesNotContain(omar);
        }
        try (Store store = MailClients.open(server, Protocol.IMAPS, nina, "secret")) {
            assertThat(MailClients.messageCount(store)).isZero();
        }
    }

    @Test
    void outgoingLimitOfTheAuthenticatedSenderIsEnforcedAtMailFromAndAtEndOfData() throws Exception {
        AuthenticatingSMTPClient client = new AuthenticatingSMTPClient("TLS", true);
        client.setTrustManager(TrustManagerUtils.getAcceptAllTrustManager());
        client.setDefaultTimeout(20_000);
        client.connect(InetAddress.getLoopbackAddress(), server.smtps);
        try {
            client.setSoTimeout(20_000);
            assertThat(client.elogin("client.test")).isTrue();
            assertThat(client.auth(AuthenticatingSMTPClient.AUTH_METHOD.LOGIN, pat, "secret")).as(client.getReplyString()).isTrue();
            assertThat(client.mail("<" + pat + "> SIZE=" + BIG)).isEqualTo(552);
            assertThat(client.getReplyString()).contains("Message too big for sender " + pat, "limit 3000 bytes");
        } finally {
            client.disconnect();
        }

        assertThatThrownBy(() -> MailClients.submit(server, pat, "secret",
                MailClients.message(pat, omar, "too big to send", "x".repeat(900) + "\r\n" + "x".repeat(900) + "\r\n" + "x".repeat(900) + "\r\n" + "x".repeat(900) + "\r\n")))
            .isInstanceOf(MessagingException.class)
            .hasStackTraceContaining("552");
        MailClients.submit(server, pat, "secret", MailClients.message(pat, omar, "small enough", "short\r\n"));
    }

    @Test
    void webAdminValidatesLimits() throws Exception {
        assertBadRequest(server.webAdmin().put("/limits/users/" + omar, "{\"maxIncomingSize\": -5}"), "maxIncomingSize: must be a whole number of bytes");
        assertBadRequest(server.webAdmin().put("/limits/users/" + omar, "{\"maxIncomingSize\": \"big\"}"), "maxIncomingSize");
        assertBadRequest(server.webAdmin().put("/limits/users/" + omar, "{\"maxSize\": 10}"), "maxSize: unknown field");
        assertThat(server.webAdmin().put("/limits/users/nobody@nowhere.example", "{}").statusCode()).isEqualTo(404);
        assertThat(server.webAdmin().put("/limits/domains/nowhere.example", "{}").statusCode()).isEqualTo(404);

        String domain = omar.substring(omar.indexOf('@') + 1);
        assertNoContent(server.webAdmin().put("/limits/domains/" + domain, "{\"maxOutgoingSize\": 100000}"));
        assertThat(server.webAdmin().get("/limits/users/" + omar).body())
            .isEqualTo("{\"maxIncomingSize\":null,\"maxOutgoingSize\":null,\"effective\":{\"maxIncomingSize\":null,\"maxOutgoingSize\":100000}}");
        assertThat(server.webAdmin().get("/limits/users/" + pat).body()).contains("\"effective\":{\"maxIncomingSize\":null,\"maxOutgoingSize\":3000}");
        assertNoContent(server.webAdmin().delete("/limits/domains/" + domain));
    }


    private static int sendData(SMTPClient client, String subject) throws IOException {
        Writer data = client.sendMessageData();
        assertThat(data).as(client.getReplyString()).isNotNull();
        data.write("Subject: " + subject + "\r\n\r\n");
        for (int written = 0; written < BIG; written += 100) {
            data.write("y".repeat(98) + "\r\n");
        }
        data.close();
        client.completePendingCommand();
        return client.getReplyCode();
    }

    private static void assertNoContent(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
    }

    private static void assertBadRequest(HttpResponse<String> response, String message) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains(message);
    }
}
