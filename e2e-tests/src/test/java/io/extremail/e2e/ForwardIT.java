package io.extremail.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A forward to another server (James's /address/forwards) leaves with the forwarding user as envelope sender. The
 * destination is a domain literal on loopback where nothing listens (not DenyListIT's IPOUT address): no DNS, and
 * the mail waits in the outgoing queue, where WebAdmin shows its envelope.
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
}
