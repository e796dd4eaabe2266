package io.extremail.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.apache.commons.net.smtp.AuthenticatingSMTPClient;
import org.apache.commons.net.smtp.SMTPClient;
import org.apache.commons.net.util.TrustManagerUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The MX listener is no open relay: from an address outside the relaying network, without AUTH, every form of
 * recipient address that could reach another server is refused at RCPT (RFC 5321 source routes, the %-hack, bang
 * paths, quoted local parts, address literals, upper case, a trailing dot) and nothing reaches the outgoing queue.
 * Authenticated users relay on the submission port, after STARTTLS only, and only as themselves.
 */
class OpenRelayIT {
    private static ServerUnderTest server;
    private static String domain;

    @BeforeAll
    static void startServer() throws Exception {
        server = SharedServer.get();
        domain = MailFlowIT.uniqueDomain();
        server.webAdmin().addDomain(domain);
        server.webAdmin().addUser("alice@" + domain, "alice-secret");
        server.webAdmin().addUser("bob@" + domain, "bob-secret");
    }

    @Test
    void noFormOfRemoteRecipientIsAcceptedWithoutAuthentication() throws Exception {
        String upper = domain.toUpperCase();
        List<String> attempts = List.of(
            "<victim@relay-victim.example>",
            "<VICTIM@RELAY-VICTIM.EXAMPLE>",
            "<victim@relay-victim.example.>",
            "<victim%relay-victim.example@" + domain + ">",
            "<victim%relay-victim.example@" + upper + ">",
            "<@" + domain + ":victim@relay-victim.example>",
            "<@" + domain + ",@relay-victim.example:victim@relay-victim.example>",
            "<\"victim@relay-victim.example\"@" + domain + ">",
            "<\"victim%relay-victim.example\"@" + domain + ">",
            "<relay-victim.example!victim@" + domain + ">",
            "<relay-victim.example!victim>",
            "<victim@" + domain + "@relay-victim.example>",
            "<victim@[192.0.2.1]>",
            "<victim@[127.0.0.1]>",
            "<victim@[IPv6:2001:db8::1]>",
            "<victim@relay-victim.example> NOTIFY=NEVER",
            "victim@relay-victim.example");
        List<String> senders = List.of("<someone@outside.example>", "<alice@" + domain + ">", "<>");

        List<String> accepted = new ArrayList<>();
        for (String sender : senders) {
            SMTPClient client = MailClients.mx(server, InetAddress.getByName("127.0.0.2"));
            try {
                assertThat(client.sendCommand("MAIL", "FROM:" + sender)).as(client.getReplyString()).isEqualTo(250);
                for (String recipient : attempts) {
                    int reply = client.sendCommand("RCPT", "TO:" + recipient);
                    if (reply < 500) {
                        accepted.add(sender + " -> " + recipient + ": " + client.getReplyString().strip());
                    }
                }
            } finally {
                client.disconnect();
            }
        }

        assertThat(accepted).as("recipients accepted from outside without AUTH").isEmpty();
        assertThat(server.webAdmin().get("/mailQueues/outgoing/mails").body()).doesNotContain("victim");
    }

    @Test
    void anAuthenticatedUserRelaysOnlyAfterStartTlsAndOnlyAsHimself() throws Exception {
        AuthenticatingSMTPClient client = new AuthenticatingSMTPClient();
        client.setTrustManager(TrustManagerUtils.getAcceptAllTrustManager());
        client.setDefaultTimeout(20_000);
        client.connect(InetAddress.getLoopbackAddress(), server.submission, InetAddress.getByName("127.0.0.2"), 0);
        try {
            assertThat(client.sendCommand("EHLO", "client.test")).isEqualTo(250);
            // Plain-text AUTH before STARTTLS: not offered, and refused when tried.
            assertThat(client.getReplyString()).doesNotContain("AUTH");
            String credentials = Base64.getEncoder().encodeToString(("\0alice@" + domain + "\0alice-secret").getBytes(StandardCharsets.UTF_8));
            assertThat(client.sendCommand("AUTH", "PLAIN " + credentials)).as(client.getReplyString()).isEqualTo(538);
            assertThat(client.getReplyString()).startsWith("538 5.7.11 Encryption required");
            // Still not authenticated: the submission port takes no mail without AUTH.
            assertThat(client.sendCommand("MAIL", "FROM:<alice@" + domain + ">")).as(client.getReplyString()).isEqualTo(530);

            assertThat(client.execTLS()).as(client.getReplyString()).isTrue();
            assertThat(client.sendCommand("EHLO", "client.test")).isEqualTo(250);
            assertThat(client.getReplyString()).contains("AUTH");
            assertThat(client.sendCommand("AUTH", "PLAIN " + credentials)).as(client.getReplyString()).isEqualTo(235);

            // Another user's address as sender (verifyIdentity on the submission listener).
            assertThat(client.sendCommand("MAIL", "FROM:<bob@" + domain + ">")).as(client.getReplyString()).isBetween(500, 599);
            assertThat(client.sendCommand("MAIL", "FROM:<alice@" + domain + ">")).as(client.getReplyString()).isEqualTo(250);
            assertThat(client.sendCommand("RCPT", "TO:<friend@relay-ok.example>")).as(client.getReplyString()).isEqualTo(250);
            assertThat(client.sendCommand("RSET")).isEqualTo(250);
        } finally {
            client.disconnect();
        }
    }
}
