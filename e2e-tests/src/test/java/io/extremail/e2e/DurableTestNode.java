package io.extremail.e2e;

import java.time.Duration;
import java.time.Instant;

import org.awaitility.Awaitility;

import io.extremail.launcher.EmbeddedCassandra;

/**
 * A Cassandra node of a test's own, in the production profile the distribution ships (fsync on, unlike the shared
 * test node), for tests that kill it like a crashed database and start it again.
 */
final class DurableTestNode {
    private DurableTestNode() {
    }

    /** Started on free loopback ports in an empty folder {@code name} of the test run; stopped at the latest at exit. */
    static EmbeddedCassandra start(String name) {
        return TestCassandra.startFresh(name, false);
    }

    /** SIGKILL: no shutdown hook, no flush; returns once the process is gone. */
    static void kill(EmbeddedCassandra node) {
        ProcessHandle process = ProcessHandle.of(node.pid().orElseThrow()).orElseThrow();
        process.destroyForcibly();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !process.isAlive());
    }

    /**
     * The killed node's own connections to its storage port linger in TIME_WAIT for up to a minute, and Cassandra
     * refuses to start while the port is taken: try again until they are gone.
     */
    static void restart(EmbeddedCassandra node) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(120);
        while (true) {
            try {
                node.start();
                return;
            } catch (RuntimeException portStillTaken) {
                if (Instant.now().isAfter(deadline)) {
                    throw portStillTaken;
                }
                Thread.sleep(5000);
            }
        }
    }
}
