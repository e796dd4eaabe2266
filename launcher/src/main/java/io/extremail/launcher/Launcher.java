package io.extremail.launcher;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/**
 * Starts and stops a distribution: the embedded Cassandra node (unless conf/cassandra.properties names an external
 * cluster), then the mail server JVM. Depends on the JDK only, so it starts in a fraction of a second.
 *
 * <p>Exit codes: 0 success, 1 failure, 2 usage, 3 ({@code status}) server not running; {@code run} exits with the
 * server's code.
 */
public final class Launcher {

    private static final String USAGE = String.join("\n",
            "usage: extremail <command>",
            "  run     start Cassandra (if embedded) and the server in the foreground; Ctrl-C stops both",
            "  start   start them in the background and return once the server is up",
            "  stop    stop the server, then the embedded Cassandra",
            "  status  show whether they run (exit 0 when the server runs, 3 when not)");
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final int LOG_LINES = 40;

    private final Distribution distribution;
    private final PrintStream out;
    private final PrintStream err;
    private final String serverMainClass;
    private final String startTimeoutSetting;

    /** A launcher for the distribution at home; the server start timeout comes from -Dextremail.startTimeoutSeconds. */
    public Launcher(Path home, PrintStream out, PrintStream err) {
        this(home, out, err, ServerProcess.MAIN_CLASS, System.getProperty("extremail.startTimeoutSeconds"));
    }

    /** Tests substitute a tiny server main class so the launcher's process handling is tested without the server. */
    Launcher(Path home, PrintStream out, PrintStream err, String serverMainClass, String startTimeoutSeconds) {
        this.distribution = new Distribution(home);
        this.out = out;
        this.err = err;
        this.serverMainClass = serverMainClass;
        this.startTimeoutSetting = startTimeoutSeconds;
    }

    public static void main(String[] args) {
        Path home = Path.of(System.getProperty("extremail.home", "."));
        System.exit(new Launcher(home, System.out, System.err).execute(args));
    }

    /** Runs one command and returns the process exit code. */
    public int execute(String... args) {
        if (args.length != 1) {
            return usage();
        }
        try {
            switch (args[0]) {
                case "run":
                    return run();
                case "start":
                    return start();
                case "stop":
                    return stop();
                case "status":
                    return status();
                default:
                    return usage();
            }
        } catch (LauncherException e) {
            err.println(e.getMessage());
            return e.exitCode();
        } catch (CassandraStartException e) {
            err.println("Cassandra did not start: " + e.getMessage());
            return 1;
        } catch (IllegalStateException | IllegalArgumentException | UncheckedIOException e) {
            err.println("extremail " + args[0] + ": " + e.getMessage());
            return 1;
        }
    }

    private int usage() {
        err.println(USAGE);
        return 2;
    }

    private int start() {
        LauncherSettings settings = LauncherSettings.load(distribution.cassandraProperties());
        Duration timeout = startTimeout();
        ServerProcess server = server();
        refuseIfRunning(server);
        EmbeddedCassandra cassandra = settings.embedded() ? cassandra(settings) : null;
        boolean launchedCassandra = false;
        try {
            launchedCassandra = cassandra != null && cassandra.start();
            Process process = server.startInBackground();
            String failure = awaitServer(server, process, timeout);
            if (failure != null) {
                err.println(failure);
                printServerOutputTail();
                stopServer(server, process.pid());
                if (launchedCassandra) {
                    cassandra.stop(); // only the node this command started: an attached one belongs to someone else
                } else if (cassandra != null) {
                    err.println("Cassandra (pid " + cassandra.pid().orElse(-1) + ") was running before this command"
                            + " and is left running; 'extremail stop' stops it");
                }
                return 1;
            }
            out.println("eXtremail started: server pid " + process.pid() + describeCassandra(cassandra, settings));
            return 0;
        } catch (RuntimeException e) {
            if (launchedCassandra) {
                cassandra.stop();
            }
            throw e;
        }
    }

    private void printServerOutputTail() {
        List<String> tail = LogTail.lastLines(distribution.serverOutput(), LOG_LINES);
        if (!tail.isEmpty()) {
            err.println("--- last " + tail.size() + " lines of " + distribution.display(distribution.serverOutput()) + " ---");
            tail.forEach(err::println);
        }
    }

    /** Null when the server reported it is up; otherwise why not. */
    private String awaitServer(ServerProcess server, Process process, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!server.isStarted()) {
            if (!process.isAlive()) {
                return "The server exited during start with code " + process.exitValue();
            }
            if (System.nanoTime() - deadline >= 0) {
                return "The server (pid " + process.pid() + ") did not report it started within " + timeout.toSeconds()
                        + " s (it creates " + distribution.display(distribution.serverStartedFile()) + " when up)";
            }
            Processes.sleep(POLL);
        }
        return null;
    }

    private int run() {
        LauncherSettings settings = LauncherSettings.load(distribution.cassandraProperties());
        ServerProcess server = server();
        refuseIfRunning(server);
        EmbeddedCassandra cassandra = settings.embedded() ? cassandra(settings) : null;
        Foreground foreground = new Foreground(server, cassandra);
        Thread hook = new Thread(foreground::stopAll, "extremail-shutdown");
        // SIGINT/SIGTERM to the launcher: stop the server first (it still needs Cassandra to close cleanly), then Cassandra.
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            if (cassandra != null) {
                cassandra.start();
                out.println("Cassandra ready (pid " + cassandra.pid().orElse(-1) + ", CQL " + cassandra.listenAddress()
                        + ":" + cassandra.nativePort() + ")");
            }
            Process process = foreground.launch();
            int code = waitFor(process);
            foreground.stopAll();
            return code;
        } catch (RuntimeException e) {
            foreground.stopAll();
            throw e;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook is doing the work
            }
        }
    }

    private static int waitFor(Process process) {
        while (true) {
            try {
                return process.waitFor();
            } catch (InterruptedException e) {
                // keep waiting: the shutdown hook, not an interrupt, decides when the server stops
            }
        }
    }

    /** The processes of a foreground run, stopped once whether the server exits or the launcher is signalled. */
    private final class Foreground {

        private final ServerProcess server;
        private final EmbeddedCassandra cassandra;
        private Process process;
        private boolean stopped;

        Foreground(ServerProcess server, EmbeddedCassandra cassandra) {
            this.server = server;
            this.cassandra = cassandra;
        }

        synchronized Process launch() {
            if (stopped) {
                throw new LauncherException(1, "interrupted before the server started");
            }
            process = server.startInForeground();
            return process;
        }

        synchronized void stopAll() {
            if (stopped) {
                return;
            }
            stopped = true;
            if (process != null) {
                if (process.isAlive()) {
                    out.println("Stopping the server (pid " + process.pid() + ")");
                }
                stopServer(server, process.pid());
            }
            if (cassandra != null && cassandra.isRunning()) {
                out.println("Stopping Cassandra (pid " + cassandra.pid().orElse(-1) + ")");
                cassandra.stop();
            }
        }
    }

    private void stopServer(ServerProcess server, long pid) {
        if (!Processes.stop(pid, STOP_TIMEOUT)) {
            throw new LauncherException(1, "the server (pid " + pid + ") is still running after SIGKILL");
        }
        server.forget();
    }

    private int stop() {
        boolean stoppedSomething = false;
        ServerProcess server = server();
        OptionalLong serverPid = server.pid();
        if (serverPid.isPresent()) {
            out.println("Stopping the server (pid " + serverPid.getAsLong() + ")");
            if (!server.stop(STOP_TIMEOUT)) {
                throw new LauncherException(1, "the server (pid " + serverPid.getAsLong() + ") is still running after SIGKILL");
            }
            stoppedSomething = true;
        } else {
            server.forget(); // stale pid file, if any
        }
        // Whatever conf/ says now: a node this distribution started is stopped (it may have been embedded before).
        EmbeddedCassandra cassandra = EmbeddedCassandra.builder().home(distribution.cassandraHome()).build();
        OptionalLong cassandraPid = cassandra.pid();
        if (cassandraPid.isPresent()) {
            out.println("Stopping Cassandra (pid " + cassandraPid.getAsLong() + ")");
        }
        stoppedSomething |= cassandra.stop();
        out.println(stoppedSomething ? "eXtremail stopped" : "eXtremail was not running");
        return 0;
    }

    private int status() {
        LauncherSettings settings = null;
        try {
            settings = LauncherSettings.load(distribution.cassandraProperties());
        } catch (LauncherException e) {
            err.println(e.getMessage()); // still report what runs: the operator may be fixing that file
        }
        OptionalLong serverPid = server().pid();
        out.println("server: " + (serverPid.isPresent() ? "running (pid " + serverPid.getAsLong() + ")" : "not running"));
        if (settings != null && !settings.embedded()) {
            out.println("cassandra: external (" + LauncherSettings.NODES + "=" + settings.nodes() + ")");
        }
        EmbeddedCassandra.Builder builder = EmbeddedCassandra.builder().home(distribution.cassandraHome());
        if (settings != null) {
            builder.nativePort(settings.nativePort()).storagePort(settings.storagePort());
        }
        EmbeddedCassandra cassandra = builder.build();
        OptionalLong cassandraPid = cassandra.pid();
        if (cassandraPid.isPresent()) {
            boolean answers = CqlProbe.answers(cassandra.listenAddress(), cassandra.nativePort(), Duration.ofSeconds(2));
            out.println("cassandra: embedded, running (pid " + cassandraPid.getAsLong() + "), CQL " + cassandra.listenAddress()
                    + ":" + cassandra.nativePort() + (answers ? " answering" : " not answering"));
        } else if (settings == null || settings.embedded()) {
            out.println("cassandra: embedded, not running");
        }
        return serverPid.isPresent() ? 0 : 3;
    }

    private ServerProcess server() {
        return new ServerProcess(distribution, serverMainClass);
    }

    private void refuseIfRunning(ServerProcess server) {
        OptionalLong pid = server.pid();
        if (pid.isPresent()) {
            throw new LauncherException(1, "eXtremail is already running (pid " + pid.getAsLong() + ")");
        }
        server.forget(); // a pid file left by a crash
    }

    private EmbeddedCassandra cassandra(LauncherSettings settings) {
        return EmbeddedCassandra.builder()
                .home(distribution.cassandraHome())
                .libDirectory(distribution.cassandraLib())
                .nativePort(settings.nativePort())
                .storagePort(settings.storagePort())
                .heap(settings.heap())
                .build();
    }

    private String describeCassandra(EmbeddedCassandra cassandra, LauncherSettings settings) {
        if (cassandra == null) {
            return ", Cassandra external (" + settings.nodes() + ")";
        }
        return ", Cassandra pid " + cassandra.pid().orElse(-1) + " (CQL " + cassandra.listenAddress() + ":"
                + cassandra.nativePort() + ")";
    }

    private Duration startTimeout() {
        if (startTimeoutSetting == null) {
            return DEFAULT_START_TIMEOUT;
        }
        try {
            long seconds = Long.parseLong(startTimeoutSetting.trim());
            if (seconds > 0) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new LauncherException(1, "-Dextremail.startTimeoutSeconds: '" + startTimeoutSetting
                + "' is not a positive number of seconds");
    }
}
