package io.extremail.e2e;

/** One server for the tests that only need a running server: started once, stopped when the test run ends. */
final class SharedServer {
    private static ServerUnderTest server;

    private SharedServer() {
    }

    static synchronized ServerUnderTest get() throws Exception {
        if (server == null) {
            ServerUnderTest started = ServerUnderTest.install("shared");
            started.start();
            TestRun.stopAtExit(started::stop);
            server = started;
        }
        return server;
    }
}
