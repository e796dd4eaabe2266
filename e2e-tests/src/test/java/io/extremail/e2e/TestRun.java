package io.extremail.e2e;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What lives for the whole test run (the Cassandra node, the shared server) is stopped here when the test JVM
 * exits, last started first: servers before the Cassandra node they use.
 */
final class TestRun {
    private static final Deque<AutoCloseable> TO_STOP = new ArrayDeque<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TestRun::stopAll, "stop-test-run"));
    }

    private TestRun() {
    }

    static synchronized void stopAtExit(AutoCloseable resource) {
        TO_STOP.push(resource);
    }

    private static synchronized void stopAll() {
        while (!TO_STOP.isEmpty()) {
            try {
                TO_STOP.pop().close();
            } catch (Exception e) {
                System.err.println("Could not stop a test resource: " + e);
            }
        }
    }
}
