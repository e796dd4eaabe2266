package io.extremail.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.james.GuiceJamesServer;
import org.apache.james.server.core.configuration.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.extremail.server.conf.ExtremailConf;

/**
 * Starts the mail server from the distribution folder named by {@code -Dworking.directory} (conf/, var/).
 * Writes {@code var/run/server.started} once every protocol listens, which the launcher waits for; on a startup
 * failure prints one line naming the file and the problem, and exits with status 1.
 */
public final class ExtremailServer {
    private static final Logger LOGGER = LoggerFactory.getLogger(ExtremailServer.class);
    static final String STARTED_MARKER = "var/run/server.started";

    private ExtremailServer() {
    }

    public static void main(String[] args) {
        // Let our handler explain a failed start instead of James exiting on its own.
        System.setProperty("james.exit.on.startup.error", "false");
        Path home = Path.of(System.getProperty(Configuration.WORKING_DIRECTORY, ".")).toAbsolutePath().normalize();
        GuiceJamesServer server;
        try {
            new ConfigurationPreflight(home.resolve("conf")).check();
            ExtremailConf.load(home);
            new SelfSignedCertificate(home.resolve("conf")).createIfMissing();
            JmxLoopbackBinding.apply(home.resolve("conf"));
            server = GuiceJamesServer.forConfiguration(Configuration.builder().workingDirectory(home.toString()).build())
                .combineWith(ExtremailModules.ALL)
                .overrideWith(new ExtremailOverrides());
            server.start();
        } catch (Throwable e) {
            StartupFailure failure = StartupFailure.explain(e);
            LOGGER.error("Startup failed: {}", failure.message(), e);
            System.err.println("ERROR: " + failure.message());
            System.exit(1);
            return;
        }
        GuiceJamesServer started = server;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            deleteStartedMarker(home);
            started.stop();
        }, "extremail-shutdown"));
        writeStartedMarker(home);
        LOGGER.info("eXtremail server started");
        // The console of 'bin/extremail run' (logs/server.out for 'start'): the one line an operator waits for.
        System.out.println("eXtremail server started (pid " + ProcessHandle.current().pid() + "), log: "
            + home.resolve("logs/server.log"));
    }

    private static void writeStartedMarker(Path home) {
        try {
            Path marker = home.resolve(STARTED_MARKER);
            Files.createDirectories(marker.getParent());
            Files.writeString(marker, String.valueOf(ProcessHandle.current().pid()));
        } catch (IOException e) {
            LOGGER.warn("Could not write {}", STARTED_MARKER, e);
        }
    }

    private static void deleteStartedMarker(Path home) {
        try {
            Files.deleteIfExists(home.resolve(STARTED_MARKER));
        } catch (IOException e) {
            LOGGER.warn("Could not delete {}", STARTED_MARKER, e);
        }
    }
}
