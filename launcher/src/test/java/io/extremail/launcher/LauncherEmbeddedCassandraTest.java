package io.extremail.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution's default: the launcher starts the embedded node (production profile) from cassandra-lib/, then
 * the server; stop stops both. Ports differ from the defaults and from EmbeddedCassandraTest's.
 */
class LauncherEmbeddedCassandraTest {

    @TempDir
    Path home;

    private TestDistribution distribution;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @AfterEach
    void leaveNothingRunning() {
        if (distribution != null) {
            distribution.killLeftovers();
        }
    }

    private int launch(String command) {
        out.reset();
        err.reset();
        return new Launcher(home, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), FakeServer.class.getName(), "60").execute(command);
    }

    @Test
    void failedServerStopsTheNodeItStartedThenStartStatusStop() throws Exception {
        distribution = new TestDistribution(home)
                .properties("cassandra.embedded.nativePort=19242", "cassandra.embedded.storagePort=17200",
                        "cassandra.embedded.heap=-Xms256m -Xmx512m")
                .withFakeServer()
                .withCassandraLib()
                .serverMode("fail");

        // A server that cannot start must not leave the node it brought up behind.
        assertThat(launch("start")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("exited during start with code 7");
        assertThat(home.resolve("var/cassandra/cassandra.pid")).doesNotExist();
        assertThat(distribution.processes()).isEmpty();

        distribution.serverMode("ok");
        long begin = System.nanoTime();
        assertThat(launch("start")).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(0);
        System.out.printf("LauncherEmbeddedCassandraTest: start (Cassandra + server) %d ms%n", (System.nanoTime() - begin) / 1_000_000);
        long cassandraPid = Long.parseLong(Files.readString(home.resolve("var/cassandra/cassandra.pid")).trim());
        long serverPid = Long.parseLong(Files.readString(home.resolve("var/run/server.pid")).trim());
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("server pid " + serverPid,
                "Cassandra pid " + cassandraPid + " (CQL 127.0.0.1:19242)");
        assertThat(Files.readString(home.resolve("var/cassandra/conf/cassandra.yaml"))).contains("auto_snapshot: true");
        assertThat(Processes.commandLine(cassandraPid).orElseThrow()).doesNotContain("skip_sync").contains("-Xmx512m");

        assertThat(launch("status")).isEqualTo(0);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("server: running (pid " + serverPid + ")",
                "cassandra: embedded, running (pid " + cassandraPid + "), CQL 127.0.0.1:19242 answering");

        begin = System.nanoTime();
        assertThat(launch("stop")).isEqualTo(0);
        System.out.printf("LauncherEmbeddedCassandraTest: stop (server + Cassandra) %d ms%n", (System.nanoTime() - begin) / 1_000_000);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Stopping the server (pid " + serverPid + ")",
                "Stopping Cassandra (pid " + cassandraPid + ")", "eXtremail stopped");
        assertThat(Processes.isRunning(serverPid)).isFalse();
        assertThat(Processes.isRunning(cassandraPid)).isFalse();
        assertThat(home.resolve("var/cassandra/cassandra.pid")).doesNotExist();
        assertThat(distribution.processes()).isEmpty();

        assertThat(launch("status")).isEqualTo(3);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("server: not running", "cassandra: embedded, not running");
    }
}
