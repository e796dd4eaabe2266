package io.extremail.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import jakarta.mail.Store;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.extremail.e2e.MailClients.Protocol;

/** Copy of all received (and sent) mail to a second mailbox, managed over WebAdmin /copies. */
class MailCopyIT {
    private static ServerUnderTest server;
    private static String quinn;
    private static String archive;
    private static String rita;

    @BeforeAll
    static void startServer() throws Exception {
        server = SharedServer.get();
        String domain = MailFlowIT.uniqueDomain();
        quinn = "quinn@" + domain;
        archive = "archive@" + domain;
        rita = "rita@" + domain;
        server.webAdmin().addDomain(domain);
        for (String user : new String[] {quinn, archive, rita}) {
            server.webAdmin().addUser(user, "secret");
        }
    }

    @Test
    void receivedAndSentMailIsCopiedToTheSecondMailbox() throws Exception {
        assertThat(server.webAdmin().put("/copies/" + quinn, "{\"target\":\"" + archive + "\",\"includeSent\":true}").statusCode()).isEqualTo(204);
        assertThat(server.webAdmin().get("/copies/" + quinn).body()).contains("\"target\":\"" + archive + "\"", "\"includeSent\":true");
        // The archive copies back to quinn: copies are never copied again, so no loop.
        assertThat(server.webAdmin().put("/copies/" + archive, "{\"target\":\"" + quinn + "\"}").statusCode()).isEqualTo(204);

        MailClients.submit(server, rita, "secret", MailClients.message(rita, quinn, "received by quinn", "in\r\n"));
        MailClients.submit(server, quinn, "secret", MailClients.message(quinn, rita, "sent by quinn", "out\r\n"));

        assertThat(awaitSubjects(archive, 2)).containsExactlyInAnyOrder("received by quinn", "sent by quinn");
        assertThat(awaitSubjects(quinn, 1)).containsExactly("received by quinn");
        assertThat(awaitSubjects(rita, 1)).containsExactly("sent by quinn");
    }

    @Test
    void webAdminValidatesCopies() throws Exception {
        assertThat(server.webAdmin().put("/copies/" + rita, "{\"target\":\"not an address\"}").body()).contains("target: 'not an address' is not a mail address");
        assertThat(server.webAdmin().put("/copies/" + rita, "{}").body()).contains("target: is missing");
        assertThat(server.webAdmin().put("/copies/" + rita, "{\"target\":\"" + rita + "\"}").statusCode()).isEqualTo(400);
        assertThat(server.webAdmin().put("/copies/" + rita, "{\"target\":\"x@y.example\",\"includeSent\":\"yes\"}").body()).contains("includeSent: must be true or false");
        assertThat(server.webAdmin().put("/copies/nobody@nowhere.example", "{\"target\":\"x@y.example\"}").statusCode()).isEqualTo(404);
        assertThat(server.webAdmin().get("/copies/" + rita).statusCode()).isEqualTo(404);
        assertThat(server.webAdmin().delete("/copies/" + rita).statusCode()).isEqualTo(404);
    }

    private static List<String> awaitSubjects(String user, int expected) throws Exception {
        try (Store store = MailClients.open(server, Protocol.IMAPS, user, "secret")) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> MailClients.messageCount(store) >= expected);
            Thread.sleep(1000); // a duplicate or a looping copy would show up right after
            return MailClients.subjects(store);
        }
    }
}
