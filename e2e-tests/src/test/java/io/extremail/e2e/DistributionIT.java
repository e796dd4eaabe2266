package io.extremail.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import jakarta.mail.Store;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.extremail.e2e.MailClients.Protocol;

/**
 * The shipped archive, unpacked on a clean data folder: {@code bin/extremail start} brings up its own Cassandra and
 * the server, {@code status} reports both, {@code stop} leaves no process behind.
 */
class DistributionIT {
    private static ServerUnderTest server;

    @BeforeAll
    static void unpack() throws Exception {
        server = ServerUnderTest.unpack("archive");
    }

    @AfterAll
    static void stopIfStillRunning() throws Exception {
        server.distribution().launcher("stop");
    }

    @Test
    void startFromTheArchiveServesMailAndStopLeavesNoProcess() throws Exception {
        Distribution distribution = server.distribution();
        assertThat(distribution.home().resolve("var/cassandra/data")).doesNotExist();

        server.start();

        long serverPid = distribution.serverPid();
        long cassandraPid = Long.parseLong(Files.readString(distribution.home().resolve("var/cassandra/cassandra.pid")).trim());
        assertThat(isRunning(serverPid)).isTrue();
        assertThat(isRunning(cassandraPid)).isTrue();
        assertThat(distribution.home().resolve("var/cassandra/data")).isDirectory();
        Distribution.CommandResult status = distribution.launcher("status");
        assertThat(status.exitCode()).as(status.output()).isZero();
        assertThat(status.output()).contains("server: running", "cassandra: embedded, running");

        assertThat(banner(server.smtp)).startsWith("220 ");
        server.webAdmin().addDomain("archive.example");
        server.webAdmin().addUser("frank@archive.example", "frank-secret");
        try (Store store = MailClients.open(server, Protocol.IMAP, "frank@archive.example", "frank-secret")) {
            assertThat(store.isConnected()).isTrue();
        }

        server.stop();

        assertThat(isRunning(serverPid)).as("server JVM").isFalse();
        assertThat(isRunning(cassandraPid)).as("Cassandra JVM").isFalse();
        assertThat(processesUnder(distribution.home())).isEmpty();
        status = distribution.launcher("status");
        assertThat(status.exitCode()).as(status.output()).isEqualTo(3);
    }

    private static String banner(int port) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        }
    }

    /** A zombie (exited, not yet reaped by its parent) counts as stopped: it holds no port, file or memory. */
    static boolean isRunning(long pid) throws IOException {
        Path stat = Path.of("/proc", String.valueOf(pid), "stat");
        if (!Files.exists(stat)) {
            return false;
        }
        String content;
        try {
            content = Files.readString(stat);
        } catch (IOException gone) {
            return false;
        }
        String state = content.substring(content.lastIndexOf(')') + 2, content.lastIndexOf(')') + 3);
        return !state.equals("Z") && !state.equals("X");
    }

    private static List<String> processesUnder(Path home) {
        String folder = home.toString();
        return ProcessHandle.allProcesses()
            .map(process -> process.info().commandLine().orElse(""))
            .filter(commandLine -> commandLine.contains(folder))
            .toList();
    }
}
