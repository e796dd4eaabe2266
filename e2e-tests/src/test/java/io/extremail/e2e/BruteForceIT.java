package io.extremail.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import org.apache.commons.net.smtp.AuthenticatingSMTPClient;
import org.apache.commons.net.util.TrustManagerUtils;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Password guessing over SMTP AUTH, IMAP and POP3 (conf/login-throttle.properties, here 3 failures and a 6 s ban):
 * after the failures in a row even the right password is refused, temporarily, then accepted again.
 */
class BruteForceIT {
    private static final int BAN_SECONDS = 6;
    private static ServerUnderTest server;
    private static String user;

    @BeforeAll
    static void startServer() throws Exception {
        server = ServerUnderTest.install("brute_force");
        server.distribution().edit("login-throttle.properties", "failedLoginsBeforeBan=5", "failedLoginsBeforeBan=3");
        server.distribution().edit("login-throttle.properties", "banSeconds=300", "banSeconds=" + BAN_SECONDS);
        server.start();
        String domain = MailFlowIT.uniqueDomain();
        user = "target@" + domain;
        server.webAdmin().addDomain(domain);
        server.webAdmin().addUser(user, "right-password");
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void smtpAuthIsBannedPerAddressAfterTheFailures() throws Exception {
        InetAddress attacker = InetAddress.getByName("127.0.0.3");
        for (int attempt = 0; attempt < 3; attempt++) {
            assertThat(smtpAuth(attacker, "guess" + attempt)).startsWith("535 5.7.8");
        }
        assertThat(smtpAuth(attacker, "right-password")).startsWith("454 4.7.0 Too many failed logins from 127.0.0.3");
        assertThat(smtpAuth(InetAddress.getByName("127.0.0.6"), "right-password")).as("another address").startsWith("235");

        Awaitility.await().atMost(Duration.ofSeconds(BAN_SECONDS * 3)).pollInterval(Duration.ofSeconds(1))
            .until(() -> smtpAuth(attacker, "right-password").startsWith("235"));
    }

    @Test
    void imapLoginIsBannedAfterTheFailures() throws Exception {
        InetAddress attacker = InetAddress.getByName("127.0.0.4");
        for (int attempt = 0; attempt < 3; attempt++) {
            assertThat(imapLogin(attacker, "guess" + attempt)).startsWith("a1 NO");
        }
        assertThat(imapLogin(attacker, "right-password")).startsWith("a1 NO");

        Awaitility.await().atMost(Duration.ofSeconds(BAN_SECONDS * 3)).pollInterval(Duration.ofSeconds(1))
            .until(() -> imapLogin(attacker, "right-password").startsWith("a1 OK"));
    }

    @Test
    void pop3LoginIsBannedAfterTheFailures() throws Exception {
        InetAddress attacker = InetAddress.getByName("127.0.0.5");
        for (int attempt = 0; attempt < 3; attempt++) {
            assertThat(popLogin(attacker, "guess" + attempt)).startsWith("-ERR");
        }
        assertThat(popLogin(attacker, "right-password")).startsWith("-ERR");

        Awaitility.await().atMost(Duration.ofSeconds(BAN_SECONDS * 3)).pollInterval(Duration.ofSeconds(1))
            .until(() -> popLogin(attacker, "right-password").startsWith("+OK"));
    }

    private static String smtpAuth(InetAddress from, String password) throws Exception {
        AuthenticatingSMTPClient client = new AuthenticatingSMTPClient();
        client.setTrustManager(TrustManagerUtils.getAcceptAllTrustManager());
        client.setDefaultTimeout(20_000);
        client.connect(InetAddress.getLoopbackAddress(), server.submission, from, 0);
        try {
            client.sendCommand("EHLO", "client.test");
            assertThat(client.execTLS()).isTrue();
            client.sendCommand("EHLO", "client.test");
            String credentials = Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
            client.sendCommand("AUTH", "PLAIN " + credentials);
            return client.getReplyString().strip();
        } finally {
            client.disconnect();
        }
    }

    private static String imapLogin(InetAddress from, String password) throws Exception {
        try (RawSession session = RawSession.tls(server.imaps, from, 20_000)) {
            session.line();
            session.send("a1 LOGIN " + user + " " + password + "\r\n");
            return String.valueOf(session.imapTagged("a1"));
        }
    }

    private static String popLogin(InetAddress from, String password) throws Exception {
        try (RawSession session = RawSession.tls(server.pop3s, from, 20_000)) {
            session.line();
            session.send("USER " + user + "\r\n");
            session.line();
            session.send("PASS " + password + "\r\n");
            return String.valueOf(session.line());
        }
    }
}
