package io.extremail.launcher;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Stands in for io.extremail.server.ExtremailServer in launcher tests: behaves as told by -Dfake.mode (set through
 * the distribution's conf/jvm.options, which also proves that file is applied). Packed alone into lib/fake-server.jar.
 */
public final class FakeServer {

    private FakeServer() {
    }

    public static void main(String[] args) throws Exception {
        String mode = System.getProperty("fake.mode", "ok");
        Path home = Path.of(System.getProperty("extremail.home"));
        Path started = home.resolve("var/run/server.started");
        System.out.println("fake server: mode " + mode + ", home " + home
                + ", working.directory " + System.getProperty("working.directory")
                + ", logback " + System.getProperty("logback.configurationFile"));
        switch (mode) {
            case "fail":
                System.err.println("boom: cannot bind port 25");
                System.exit(7);
                break;
            case "hang":
                break;
            case "exit5":
                Files.createFile(started);
                Thread.sleep(300);
                System.exit(5);
                break;
            default:
                Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("fake server: stopping")));
                Thread.sleep(200);
                Files.createFile(started);
                System.out.println("fake server: started");
                break;
        }
        Thread.sleep(Long.MAX_VALUE);
    }
}
