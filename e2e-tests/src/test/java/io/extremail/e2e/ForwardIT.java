package io.extremail.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.mail.Store;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.extremail.e2e.MailClients.Protocol;

/**
 * A forward to another server (James's /address/forwards) leaves with the forwarding user as envelope sender. The
 * destination is a domain literal on loopback where nothing listens (not DenyListIT's IPOUT address): no DNS, and
 * the mail waits in the outgoing queue, where WebAdmin shows its envelope. Forwarding loops: refused when configured
 * between local users; a message looping between servers ends in a single bounce to the sender.
 */
class ForwardIT {
    private static ServerUnderTest server;

    @BeforeAll
    static void startServer() throws Exception {
        server = SharedServer.get();
    }

    @Test
    void forwardOffSiteIsSentWithTheForwarderAsEnvelopeSender() throws Exception {
        String domain = MailFlowIT.uniqueDomain();
        String sam = "sam@" + domain;
        server.webAdmin().addDomain(domain);
        server.webAdmin().addUser(sam, "secret");
        assertThat(server.webAdmin().put("/address/forwards/" + sam + "/targets/away@%5B127.0.0.10%5D", "").statusCode()).isEqualTo(204);

        MailClients.submitUnauthenticated(server, "someone@outside.example", sam, "forward me");

        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
            .until(() -> server.webAdmin().get("/mailQueues/outgoing/mails").body().contains("away@"));
        assertThat(server.webAdmin().get("/mailQueues/outgoing/mails").body())
            .contains("\"sender\":\"" + sam + "\"")
            .doesNotContain("someone@outside.example");
    }

    @Test
    void aForwardingLoopIsRefusedWhenConfiguredAndALoopingMessageEndsInOneBounce() throws Exception {
        String domain = MailFlowIT.uniqueDomain();
        String ping = "ping@" + domain;
        String pong = "pong@" + domain;
        String writer = "writer@" + domain;
        server.webAdmin().addDomain(domain);
        for (String user : new String[] {ping, pong, writer}) {
            server.webAdmin().addUser(user, "secret");
        }
        // A loop between local users cannot even be configured: James refuses the forward that closes it.
        assertThat(server.webAdmin().put("/address/forwards/" + ping + "/targets/" + pong, "").statusCode()).isEqualTo(204);
        assertThat(server.webAdmin().put("/address/forwards/" + pong + "/targets/" + ping, "").statusCode()).isEqualTo(409);

        // A loop between servers shows as a message that went through 30 relays: it is bounced once, not delivered.
        StringBuilder looped = new StringBuilder();
        for (int hop = 0; hop < 30; hop++) {
            looped.append("Received: from relay").append(hop).append(".example by relay").append(hop + 1).append(".example\r\n");
        }
        byte[] message = (looped + new String(MailClients.message(writer, pong, "round and round", "hello\r\n"), StandardCharsets.US_ASCII))
            .getBytes(StandardCharsets.US_ASCII);
        MailClients.submit(server, writer, "secret", message);

        try (Store store = MailClients.open(server, Protocol.IMAPS, writer, "secret")) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> MailClients.messageCount(store) >= 1);
            Thread.sleep(3000); // a storm of bounces would show up right after the first
            assertThat(MailClients.messageCount(store)).isEqualTo(1);
        }
        for (String user : new String[] {ping, pong}) {
            try (Store store = MailClients.open(server, Protocol.IMAPS, user, "secret")) {
                assertThat(MailClients.messageCount(store)).as(user).isZero();
            }
        }
    }
}
