package io.extremail.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console with tls.enabled=true (the keystore made at first start), reached by bin/extremail-admin --tls, one
 * command and interactive (commands read from standard input when there is no terminal).
 */
class ConsoleTlsIT {
    private static ServerUnderTest server;
    private static Map<String, String> environment;

    @BeforeAll
    static void startServer() throws Exception {
        server = ServerUnderTest.install("console_tls");
        server.distribution().edit("console.properties", "tls.enabled=false", "tls.enabled=true");
        server.start();
        String password = Files.readString(server.distribution().home().resolve("var/console-initial-password")).strip();
        environment = Map.of("EXTREMAIL_ADMIN_PORT", String.valueOf(server.console), "EXTREMAIL_ADMIN_PASSWORD", password);
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void theClientSpeaksTlsAndPlainTextGetsNoGreeting() throws Exception {
        Distribution.CommandResult listed = server.distribution().admin(environment, "--tls", "--insecure", "DOMAIN LIST");
        assertThat(listed.exitCode()).as(listed.output()).isZero();
        assertThat(listed.output()).contains("OK ", "domain(s)");

        Distribution.CommandResult untrusted = server.distribution().admin(environment, "--tls", "DOMAIN LIST");
        assertThat(untrusted.exitCode()).as("a self-signed certificate is refused without --insecure").isEqualTo(2);

        try (Socket plain = new Socket(InetAddress.getLoopbackAddress(), server.console)) {
            plain.setSoTimeout(10_000);
            plain.getOutputStream().write("HELP\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] answer = plain.getInputStream().readNBytes(64);
            assertThat(new String(answer, StandardCharsets.ISO_8859_1)).doesNotContain("OK");
        } catch (IOException closed) {
            // the TLS server drops a client that does not start a handshake
        }
    }

    @Test
    void interactiveSessionsRunEveryLineUntilQuit() throws Exception {
        Distribution.CommandResult session = server.distribution().adminWithInput("DOMAIN ADD NAME=interactive.example\nDOMAIN LIST\nQUIT\n",
            environment, "--tls", "--insecure");

        assertThat(session.exitCode()).as(session.output()).isZero();
        assertThat(session.output()).contains("OK domain interactive.example added", "interactive.example", "OK bye");
    }
}
