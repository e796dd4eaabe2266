package io.extremail.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Store;

import org.assertj.core.api.Assertions;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.extremail.e2e.MailClients.Protocol;

/** Extra login names, managed over WebAdmin, that open a mailbox over IMAP, POP3 and SMTP AUTH. */
class AccountMappingIT {
    private static ServerUnderTest server;
    private static String lena;

    @BeforeAll
    static void startServer() throws Exception {
        server = SharedServer.get();
        String domain = MailFlowIT.uniqueDomain();
        lena = "lena@" + domain;
        server.webAdmin().addDomain(domain);
        server.webAdmin().addUser(lena, "lena-secret");
    }

    @Test
    void mappedLoginsReadAndSendAsTheMailbox() throws Exception {
        String shortLogin = "lena" + UUID.randomUUID().toString().substring(0, 6);
        String oldAddress = shortLogin + "@old-domain.example";
        assertThat(server.webAdmin().put("/logins/" + shortLogin, "{\"mailbox\":\"" + lena + "\"}").statusCode()).isEqualTo(204);
        assertThat(server.webAdmin().put("/logins/" + oldAddress, "{\"mailbox\":\"" + lena + "\"}").statusCode()).isEqualTo(204);
        assertThat(server.webAdmin().get("/logins?mailbox=" + lena).body()).contains(shortLogin, oldAddress);

        // Submission with verifyIdentity: the session is lena's mailbox, so her own address is a valid sender.
        MailClients.submit(server, shortLogin, "lena-secret", MailClients.message(lena, lena, "sent with a mapped login", "hi\r\n"));

        for (Protocol protocol : Protocol.values()) {
            try (Store store = MailClients.open(server, protocol, oldAddress, "lena-secret")) {
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> MailClients.messageCount(store) >= 1);
                assertThat(MailClients.subjects(store)).as(protocol.name()).containsExactly("sent with a mapped login");
            }
        }
        Assertions.assertThatThrownBy(() -> MailClients.open(server, Protocol.IMAPS, shortLogin, "wrong").close())
            .isInstanceOf(AuthenticationFailedException.class);

        assertThat(server.webAdmin().delete("/logins/" + shortLogin).statusCode()).isEqualTo(204);
        Assertions.assertThatThrownBy(() -> MailClients.open(server, Protocol.IMAPS, shortLogin, "lena-secret").close())
            .isInstanceOf(AuthenticationFailedException.class);
    }

    @Test
    void webAdminRefusesLoginsThatCannotWork() throws Exception {
        assertThat(server.webAdmin().put("/logins/" + lena, "{\"mailbox\":\"" + lena + "\"}")).satisfies(response -> {
            assertThat(response.statusCode()).isEqualTo(409);
            assertThat(response.body()).contains("is a user of its own");
        });
        assertThat(server.webAdmin().put("/logins/someone", "{\"mailbox\":\"nobody@nowhere.example\"}")).satisfies(response -> {
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.body()).contains("mailbox: no user 'nobody@nowhere.example'");
        });
        assertThat(server.webAdmin().put("/logins/someone", "{}").body()).contains("mailbox: is missing");
        assertThat(server.webAdmin().get("/logins/not-mapped").statusCode()).isEqualTo(404);
        assertThat(server.webAdmin().delete("/logins/not-mapped").statusCode()).isEqualTo(404);
        assertThat(server.webAdmin().get("/logins").statusCode()).isEqualTo(400);
    }
}
