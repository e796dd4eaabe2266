package io.extremail.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings checks that need no Cassandra process. */
class EmbeddedCassandraBuilderTest {

    @TempDir
    Path home;

    @Test
    void refusesANonLoopbackAddress() {
        assertThatThrownBy(() -> EmbeddedCassandra.builder().home(home).listenAddress("192.168.1.10").build())
                .hasMessage("listenAddress 192.168.1.10 is not a loopback address");
        assertThatThrownBy(() -> EmbeddedCassandra.builder().home(home).listenAddress("localhost").build())
                .hasMessage("listenAddress localhost is not a loopback address");
    }

    @Test
    void refusesBadPortsAndHeap() {
        assertThatThrownBy(() -> EmbeddedCassandra.builder().nativePort(70000))
                .hasMessage("nativePort 70000 is not a port (1-65535)");
        assertThatThrownBy(() -> EmbeddedCassandra.builder().home(home).nativePort(7000).build())
                .hasMessage("nativePort and storagePort are both 7000");
        assertThatThrownBy(() -> EmbeddedCassandra.builder().home(home).heap("1g").build())
                .hasMessageContaining("heap '1g'");
    }

    @Test
    void productionCommandHasNoTestOnlyFlags() {
        EmbeddedCassandra node = EmbeddedCassandra.builder().home(home).libDirectory(TestDistribution.cassandraLib()).build();

        assertThat(node.command())
                .contains("-Xms256m", "-Xmx1g", "-Dcassandra-foreground=yes", "-Dcassandra.native_transport_port=9042",
                        "-Dcassandra.storage_port=7000", EmbeddedCassandra.MAIN_CLASS)
                .noneMatch(flag -> flag.contains("skip_sync") || flag.contains("unsafesystem") || flag.contains(".test."))
                .anyMatch(flag -> flag.startsWith("-javaagent:") && flag.contains("jamm-"));
    }

    @Test
    void refusesAJavaCassandraCannotRunOn() throws Exception {
        Path jdk = Files.createDirectories(home.resolve("jdk25/bin"));
        Files.writeString(home.resolve("jdk25/release"), "JAVA_VERSION=\"25.0.1\"\n");

        EmbeddedCassandra node = EmbeddedCassandra.builder().home(home).libDirectory(TestDistribution.cassandraLib())
                .javaExecutable(jdk.resolve("java")).build();

        assertThatThrownBy(node::command).hasMessageContaining("is Java 25");
    }

    @Test
    void stopWithoutNodeSaysNothingWasRunning() throws Exception {
        Files.writeString(home.resolve("cassandra.pid"), "999999999\n"); // stale

        EmbeddedCassandra node = EmbeddedCassandra.builder().home(home).build();

        assertThat(node.isRunning()).isFalse();
        assertThat(node.stop()).isFalse();
        assertThat(home.resolve("cassandra.pid")).doesNotExist();
    }
}
