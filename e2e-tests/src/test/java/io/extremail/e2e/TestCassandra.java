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
            node = startFresh("cassandra", true);
        }
        return node.nativePort();
    }

    /**
     * A node on free loopback ports in the empty folder {@code folder} of the test run (a node an interrupted earlier
     * run left there is stopped first), stopped at the latest when the test JVM exits.
     */
    static EmbeddedCassandra startFresh(String folder, boolean testMode) {
        Path home = TestPaths.workDirectory().resolve(folder);
        stopLeftOver(home);
        EmbeddedCassandra started = EmbeddedCassandra.builder()
            .home(home)
            .libDirectory(TestPaths.cassandraLib())
            .nativePort(FreePorts.next())
            .storagePort(FreePorts.next())
            .testMode(testMode)
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
