package io.extremail.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Writer;
import java.net.InetAddress;

import org.apache.commons.net.smtp.SMTPClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the MX port (25) refuses, and with which reply code, as seen by an SMTP client over a socket. */
class SmtpPolicyIT {
    private static ServerUnderTest server;
    private static String domain;

    @BeforeAll
    static void startServer() throws Exception {
        server = SharedServer.get();
        domain = MailFlowIT.uniqueDomain();
        server.webAdmin().addDomain(domain);
        server.webAdmin().addUser("dave@" + domain, "dave-secret");
    }

    @Test
    void unknownLocalRecipientIsRefusedAtRcptWith550() throws Exception {
        SMTPClient client = MailClients.mx(server);
        try {
            assertThat(client.setSender("sender@remote.example")).isTrue();
            assertThat(client.addRecipient("dave@" + domain)).as(client.getReplyString()).isTrue();

            assertThat(client.addRecipient("nobody@" + domain)).isFalse();
            assertThat(client.getReplyCode()).as(client.getReplyString()).isEqualTo(550);
        } finally {
            close(client);
        }
    }

    @Test
    void unauthenticatedRelayFromAnOutsideAddressIsRefused() throws Exception {
        // 127.0.0.2 is a loopback address outside the authorized network (127.0.0.1/32) of the server under test.
        SMTPClient client = MailClients.mx(server, InetAddress.getByName("127.0.0.2"));
        try {
            assertThat(client.setSender("someone@outside.example")).isTrue();

            assertThat(client.addRecipient("victim@remote.example")).isFalse();
            assertThat(client.getReplyCode()).as(client.getReplyString()).isBetween(500, 599);
            assertThat(client.getReplyString()).containsIgnoringCase("relay");
            // Mail for local users is still accepted from that address.
            assertThat(client.addRecipient("dave@" + domain)).as(client.getReplyString()).isTrue();
        } finally {
            close(client);
        }
    }

    @Test
    void announcedSizeOverTheLimitIsRefusedAtMailFromWith552() throws Exception {
        SMTPClient client = MailClients.mx(server);
        try {
            long overLimit = (ServerUnderTest.MAX_MESSAGE_SIZE_KB + 1) * 1024L;

            int reply = client.mail("<sender@remote.example> SIZE=" + overLimit);

            assertThat(reply).as(client.getReplyString()).isEqualTo(552);
        } finally {
            close(client);
        }
    }

    @Test
    void messageOverTheLimitIsRefusedAtEndOfDataWith552() throws Exception {
        SMTPClient client = MailClients.mx(server);
        try {
            assertThat(client.setSender("sender@remote.example")).isTrue();
            assertThat(client.addRecipient("dave@" + domain)).isTrue();
            Writer data = client.sendMessageData();
            assertThat(data).as(client.getReplyString()).isNotNull();
            data.write("Subject: too big\r\n\r\n");
            String line = "y".repeat(998) + "\r\n";
            for (long written = 0; written <= ServerUnderTest.MAX_MESSAGE_SIZE_KB * 1024L; written += line.length()) {
                data.write(line);
            }
            data.close();

            assertThat(client.completePendingCommand()).isFalse();
            assertThat(client.getReplyCode()).as(client.getReplyString()).isEqualTo(552);
        } finally {
            close(client);
        }
    }

    @Test
    void sizeLimitIsAnnouncedInEhlo() throws Exception {
        SMTPClient client = MailClients.mx(server);
        try {
            assertThat(client.getReplyString()).contains("SIZE " + ServerUnderTest.MAX_MESSAGE_SIZE_KB * 1024L);
        } finally {
            close(client);
        }
    }


    private static void close(SMTPClient client) throws IOException {
        if (client.isConnected()) {
            client.disconnect();
        }
    }
}
