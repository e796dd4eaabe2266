package io.extremail.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import io.extremail.launcher.EmbeddedCassandra;

/**
 * The one real Cassandra 5.0.9 node of the test run (test profile: no fsync), started on first use and stopped
 * when the test JVM exits. Each server under test gets its own keyspace, so tests never see each other's data.
 */
final class TestCassandra {
    private static EmbeddedCassandra node;

    private TestCassandra() {
    }

    static synchronized int nativePort() {
        if (node == null) {
            node = start();
        }
        return node.nativePort();
    }

    private static EmbeddedCassandra start() {
        Path home = TestPaths.workDirectory().resolve("cassandra");
        stopLeftOver(home);
        EmbeddedCassandra started = EmbeddedCassandra.builder()
            .home(home)
            .libDirectory(TestPaths.cassandraLib())
            .nativePort(FreePorts.next())
            .storagePort(FreePorts.next())
            .testMode(true)
            .build();
        started.start();
        TestRun.stopAtExit(started::stop);
        return started;
    }

    /** A node left running by an interrupted earlier run holds the data folder: stop it and start clean. */
    private static void stopLeftOver(Path home) {
        EmbeddedCassandra.builder().home(home).libDirectory(TestPaths.cassandraLib()).build().stop();
        try {
            TestPaths.deleteRecursively(home);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
