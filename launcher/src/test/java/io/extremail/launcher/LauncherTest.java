package io.extremail.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's commands against a fake server (external Cassandra, so no node is needed): real processes, pid
 * files and signals, each a fraction of a second.
 */
class LauncherTest {

    @TempDir
    Path home;

    private TestDistribution distribution;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void externalCassandra() throws Exception {
        distribution = new TestDistribution(home)
                .properties("cassandra.embedded=false", "cassandra.nodes=127.0.0.1:9042")
                .withFakeServer();
    }

    @AfterEach
    void leaveNothingRunning() {
        distribution.killLeftovers();
    }

    private int launch(String command) {
        return launch(command, null);
    }

    private int launch(String command, String startTimeoutSeconds) {
        out.reset();
        err.reset();
        Launcher launcher = new Launcher(home, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), FakeServer.class.getName(), startTimeoutSeconds);
        return launcher.execute(command);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void usageOnStderrWithExitCode2() {
        for (String command : new String[] {"help", "restart", "--start"}) {
            assertThat(launch(command)).isEqualTo(2);
            assertThat(err()).startsWith("usage: extremail <command>").contains("run", "start", "stop", "status");
        }
        assertThat(new Launcher(home, System.out, new PrintStream(err, true, StandardCharsets.UTF_8)).execute()).isEqualTo(2);
    }

    @Test
    void malformedPropertyStopsStartWithOneLine() throws Exception {
        distribution.properties("cassandra.embedded.nativePort=abc");

        assertThat(launch("start")).isEqualTo(1);
        assertThat(err()).isEqualTo("conf/cassandra.properties: cassandra.embedded.nativePort: 'abc' is not a port (1-65535)"
                + System.lineSeparator());
        assertThat(launch("run")).isEqualTo(1);
        assertThat(err()).contains("'abc' is not a port (1-65535)");

        distribution.properties("cassandra.embedded.storagePort=70000");
        assertThat(launch("start")).isEqualTo(1);
        assertThat(err().lines()).containsExactly(
                "conf/cassandra.properties: cassandra.embedded.storagePort: '70000' is not a port (1-65535)");
        assertThat(distribution.processes()).isEmpty();
    }

    @Test
    void malformedStartTimeoutIsOneLine() throws Exception {
        distribution.serverMode("ok");

        assertThat(launch("start", "soon")).isEqualTo(1);
        assertThat(err().lines()).containsExactly("-Dextremail.startTimeoutSeconds: 'soon' is not a positive number of seconds");
    }

    @Test
    void stopAndStatusWhenNothingRuns() {
        assertThat(launch("stop")).isEqualTo(0);
        assertThat(out()).contains("eXtremail was not running");

        assertThat(launch("status")).isEqualTo(3);
        assertThat(out()).contains("server: not running", "cassandra: external (cassandra.nodes=127.0.0.1:9042)");
    }

    @Test
    void startStatusStop() throws Exception {
        distribution.serverMode("ok");

        assertThat(launch("start")).as(err()).isEqualTo(0);
        long pid = Long.parseLong(Files.readString(home.resolve("var/run/server.pid")).trim());
        assertThat(out().lines()).containsExactly(
                "eXtremail started: server pid " + pid + ", Cassandra external (127.0.0.1:9042)");
        assertThat(home.resolve("var/run/server.started")).exists();
        assertThat(Files.readString(home.resolve("logs/server.out")))
                .contains("fake server: mode ok, home " + home, "working.directory " + home,
                        "logback " + home.resolve("conf/logback.xml"));

        assertThat(launch("status")).isEqualTo(0);
        assertThat(out()).contains("server: running (pid " + pid + ")");

        assertThat(launch("start")).isEqualTo(1);
        assertThat(err()).contains("already running (pid " + pid + ")");

        assertThat(launch("stop")).isEqualTo(0);
        assertThat(out()).contains("Stopping the server (pid " + pid + ")", "eXtremail stopped");
        assertThat(Processes.isRunning(pid)).isFalse();
        assertThat(home.resolve("var/run/server.pid")).doesNotExist();
        assertThat(home.resolve("var/run/server.started")).doesNotExist();
        assertThat(Files.readString(home.resolve("logs/server.out"))).contains("fake server: stopping"); // SIGTERM, not kill
        assertThat(distribution.processes()).isEmpty();
    }

    @Test
    void serverDyingDuringStartShowsItsOutput() throws Exception {
        distribution.serverMode("fail");

        assertThat(launch("start")).isEqualTo(1);

        assertThat(err()).contains("The server exited during start with code 7",
                "--- last ", "lines of logs/server.out ---", "boom: cannot bind port 25");
        assertThat(home.resolve("var/run/server.pid")).doesNotExist();
        assertThat(distribution.processes()).isEmpty();
    }

    @Test
    void serverNeverReadyIsStoppedAfterTheTimeout() throws Exception {
        distribution.serverMode("hang");

        long begin = System.nanoTime();
        assertThat(launch("start", "2")).isEqualTo(1);

        assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(20));
        assertThat(err()).contains("did not report it started within 2 s");
        assertThat(distribution.processes()).isEmpty();
        assertThat(home.resolve("var/run/server.pid")).doesNotExist();
    }

    @Test
    void staleStartedFileDoesNotFakeSuccess() throws Exception {
        distribution.serverMode("fail");
        Files.createDirectories(home.resolve("var/run"));
        Files.writeString(home.resolve("var/run/server.started"), "");

        assertThat(launch("start")).isEqualTo(1);
        assertThat(err()).contains("exited during start with code 7");
    }

    @Test
    void runReturnsTheServerExitCode() throws Exception {
        distribution.serverMode("exit5");
        Path output = home.resolve("launcher.out");

        // In its own JVM: run hands the console to the server, which must not write into surefire's channel.
        Process launcher = launcherProcess("run", output);

        assertThat(launcher.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(launcher.exitValue()).as("launcher output: %s", output).isEqualTo(5);
        assertThat(Files.readString(output)).contains("fake server: mode exit5");
        assertThat(home.resolve("var/run/server.pid")).doesNotExist();
        assertThat(distribution.processes()).isEmpty();
    }

    private Process launcherProcess(String command, Path output) throws Exception {
        List<String> line = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LauncherTestMain.class.getName(), home.toString(), command);
        return new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    }

    @Test
    void sigtermToARunningLauncherStopsTheServer() throws Exception {
        distribution.serverMode("ok");
        Path output = home.resolve("launcher.out");
        Process launcher = launcherProcess("run", output);
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!Files.exists(home.resolve("var/run/server.started")) && System.nanoTime() < deadline) {
                assertThat(launcher.isAlive()).as("launcher alive; output: %s", output).isTrue();
                TimeUnit.MILLISECONDS.sleep(50);
            }
            long serverPid = Long.parseLong(Files.readString(home.resolve("var/run/server.pid")).trim());
            assertThat(ProcessHandle.of(serverPid).flatMap(p -> p.parent()).map(ProcessHandle::pid))
                    .contains(launcher.pid());

            launcher.destroy(); // SIGTERM, as from systemd or kill

            assertThat(launcher.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(Processes.waitForExit(serverPid, Duration.ofSeconds(5))).isTrue();
            assertThat(Files.readString(output)).contains("fake server: started", "fake server: stopping");
            assertThat(home.resolve("var/run/server.pid")).doesNotExist();
            assertThat(distribution.processes()).isEmpty();
        } finally {
            if (launcher.isAlive()) {
                launcher.destroyForcibly();
            }
        }
    }
}
