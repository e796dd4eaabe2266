package io.extremail.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Cassandra 5.0.9 node: started once for the class (a few seconds), on loopback ports that differ from the
 * defaults so a node a developer runs on 9042/7000 is left alone.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedCassandraTest {

    private static final int NATIVE_PORT = 19142;
    private static final int STORAGE_PORT = 17100;

    @TempDir
    static Path home;

    private static EmbeddedCassandra cassandra;
    private static long pid;

    @BeforeAll
    static void startNode() {
        cassandra = node();
        long begin = System.nanoTime();
        boolean launched = cassandra.start();
        System.out.printf("EmbeddedCassandraTest: start to CQL ready %d ms%n", (System.nanoTime() - begin) / 1_000_000);
        assertThat(launched).isTrue();
        pid = cassandra.pid().orElseThrow();
    }

    @AfterAll
    static void stopNode() {
        if (cassandra != null) {
            cassandra.stop();
        }
        if (pid != 0 && Processes.isRunning(pid)) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly); // last resort, by pid
        }
    }

    private static EmbeddedCassandra node() {
        return EmbeddedCassandra.builder()
                .home(home.resolve("cassandra"))
                .libDirectory(TestDistribution.cassandraLib())
                .nativePort(NATIVE_PORT)
                .storagePort(STORAGE_PORT)
                .heap("-Xms256m -Xmx512m")
                .testMode(true)
                .startTimeout(Duration.ofSeconds(120))
                .build();
    }

    @Test
    @Order(1)
    void cqlPortAnswersOptions() throws Exception {
        Map<String, List<String>> supported = CqlProbe.options("127.0.0.1", NATIVE_PORT, Duration.ofSeconds(2));

        assertThat(supported.get("CQL_VERSION")).singleElement().asString().startsWith("3.");
        assertThat(supported.get("PROTOCOL_VERSIONS")).contains("4/v4", "5/v5");
        assertThat(cassandra.isAlreadyRunning()).isTrue();
    }

    @Test
    @Order(2)
    void pidFileNamesTheCassandraJvmOfThisHome() throws Exception {
        assertThat(Files.readString(cassandra.pidFile()).trim()).isEqualTo(Long.toString(pid));
        String commandLine = Processes.commandLine(pid).orElseThrow();
        assertThat(commandLine)
                .contains(EmbeddedCassandra.MAIN_CLASS)
                .contains("-Dcassandra.native_transport_port=" + NATIVE_PORT)
                .contains("-Dcassandra.skip_sync=true")
                .contains(home.toString());
    }

    @Test
    @Order(3)
    void configIsTheTestProfileOnLoopback() throws Exception {
        String yaml = Files.readString(home.resolve("cassandra/conf/cassandra.yaml"), StandardCharsets.UTF_8);

        assertThat(yaml)
                .contains("listen_address: \"127.0.0.1\"")
                .contains("native_transport_port: " + NATIVE_PORT)
                .contains("auto_snapshot: false")
                .contains("commitlog_sync: batch")
                .contains("commitlog_disk_access_mode: auto");
        assertThat(home.resolve("cassandra/logs/system.log")).isNotEmptyFile();
    }

    @Test
    @Order(4)
    void secondStartOnTheSameHomeReusesTheRunningNode() {
        EmbeddedCassandra again = node(); // as a later JVM would: it knows only the home

        assertThat(again.isAlreadyRunning()).isTrue();
        assertThat(again.start()).isFalse();
        assertThat(again.pid()).isEqualTo(OptionalLong.of(pid));
        assertThat(new TestDistribution(home).processes()).extracting(ProcessHandle::pid).containsExactly(pid);
    }

    @Test
    @Order(5)
    void anotherHomeOnTheSamePortIsRefused() {
        EmbeddedCassandra intruder = EmbeddedCassandra.builder()
                .home(home.resolve("other"))
                .libDirectory(TestDistribution.cassandraLib())
                .nativePort(NATIVE_PORT)
                .storagePort(STORAGE_PORT + 1)
                .build();

        assertThatThrownBy(intruder::start)
                .isInstanceOf(CassandraStartException.class)
                .hasMessageContaining("already answers");
    }

    @Test
    @Order(6)
    void stopFromAnotherInstanceLeavesNoProcessAndNoPidFile() {
        EmbeddedCassandra fromPidFileOnly = node();

        long begin = System.nanoTime();
        assertThat(fromPidFileOnly.stop()).isTrue();
        System.out.printf("EmbeddedCassandraTest: stop %d ms%n", (System.nanoTime() - begin) / 1_000_000);

        assertThat(Processes.isRunning(pid)).isFalse();
        assertThat(cassandra.pidFile()).doesNotExist();
        assertThat(cassandra.isRunning()).isFalse();
        assertThat(CqlProbe.answers("127.0.0.1", NATIVE_PORT, Duration.ofSeconds(1))).isFalse();
        assertThat(new TestDistribution(home).processes()).isEmpty();
        assertThat(cassandra.stop()).isFalse();
    }
}
