package io.extremail.launcher;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * A single-node Apache Cassandra 5.0 running as its own JVM from the cassandra-all jars.
 *
 * <p>A separate JVM because Cassandra's guava/netty/jackson/logback clash with the server's. The node is found again
 * through {@code <home>/cassandra.pid}, so a later JVM (the launcher's {@code stop}, another test run) can attach to it
 * or stop it without having started it.
 */
public final class EmbeddedCassandra {

    static final String MAIN_CLASS = "org.apache.cassandra.service.CassandraDaemon";

    /** Cassandra 5.0 runs on Java 11 and 17 only; on newer JVMs it dies during start with an obscure error. */
    private static final List<Integer> SUPPORTED_JAVA = List.of(11, 17);
    private static final int LOG_LINES = 30;
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration POLL = Duration.ofMillis(100);
    /** One start at a time per JVM; the file lock below does the same across JVMs. */
    private static final Object START_LOCK = new Object();

    /** The --add-exports/--add-opens set of Cassandra's jvm17-server.options: without it Java 17 refuses its reflection. */
    private static final List<String> JAVA17_MODULE_FLAGS = List.of(
            "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
            "--add-exports", "java.management.rmi/com.sun.jmx.remote.internal.rmi=ALL-UNNAMED",
            "--add-exports", "java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports", "java.rmi/sun.rmi.server=ALL-UNNAMED",
            "--add-exports", "java.sql/java.sql=ALL-UNNAMED",
            "--add-exports", "java.base/java.lang.ref=ALL-UNNAMED",
            "--add-exports", "jdk.unsupported/sun.misc=ALL-UNNAMED",
            "--add-exports", "jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
            "--add-exports", "jdk.attach/sun.tools.attach=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang.module=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.loader=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.reflect=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.math=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.module=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.util.jar=ALL-UNNAMED",
            "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED",
            "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens", "java.base/java.io=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens", "jdk.compiler/com.sun.tools.javac=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang=ALL-UNNAMED",
            "--add-opens", "java.base/java.util=ALL-UNNAMED");

    /**
     * Tests only: no fsync, no flush of schema changes, an abrupt messaging shutdown, and a cheaper estimate of the
     * memtable row overhead (as Cassandra's own test suite does). They trade durability for speed.
     */
    private static final List<String> TEST_ONLY_FLAGS = List.of(
            "-Dcassandra.unsafesystem=true",
            "-Dcassandra.skip_sync=true",
            "-Dcassandra.test.messagingService.nonGracefulShutdown=true",
            "-Dcassandra.test.flush_local_schema_changes=false",
            "-Dcassandra.memtable_row_overhead_computation_step=100");

    private final Path home;
    private final Path libDirectory;
    private final int nativePort;
    private final int storagePort;
    private final String listenAddress;
    private final List<String> heap;
    private final Path javaExecutable;
    private final boolean testMode;
    private final Duration startTimeout;
    private final Duration stopTimeout;
    private final PidFile pidFile;
    private final CassandraConfigFiles configFiles;

    /** The JVM this object launched, if any: gives the exit code when it dies during start. */
    private volatile Process process;

    private EmbeddedCassandra(Builder builder) {
        this.home = builder.home.toAbsolutePath().normalize();
        this.libDirectory = builder.libDirectory == null ? null : builder.libDirectory.toAbsolutePath().normalize();
        this.nativePort = builder.nativePort;
        this.storagePort = builder.storagePort;
        this.listenAddress = builder.listenAddress;
        this.heap = List.copyOf(Arrays.asList(builder.heap.trim().split("\\s+")));
        this.javaExecutable = builder.javaExecutable;
        this.testMode = builder.testMode;
        this.startTimeout = builder.startTimeout;
        this.stopTimeout = builder.stopTimeout;
        this.pidFile = new PidFile(home.resolve("cassandra.pid"));
        this.configFiles = new CassandraConfigFiles(home);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts the node and waits until its CQL port answers, or attaches to the node already running from this home.
     *
     * @return true when this call launched the node, false when it attached to a running one
     * @throws CassandraStartException when the node dies or is not ready in time (the message ends with its log)
     */
    public boolean start() {
        synchronized (START_LOCK) {
            try {
                Files.createDirectories(home);
                try (FileChannel channel = FileChannel.open(home.resolve("cassandra.lock"),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                     FileLock lock = channel.lock()) {
                    return startLocked();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start Cassandra in " + home, e);
            }
        }
    }

    private boolean startLocked() {
        long deadline = System.nanoTime() + startTimeout.toNanos();
        OptionalLong running = pid();
        if (running.isPresent()) {
            // Another JVM started it (maybe moments ago): use it, once it answers.
            awaitReady(running.getAsLong(), deadline);
            return false;
        }
        pidFile.delete(); // stale: its process is gone
        if (CqlProbe.answers(listenAddress, nativePort, PROBE_TIMEOUT)) {
            throw new CassandraStartException("CQL port " + listenAddress + ":" + nativePort
                    + " already answers, but " + pidFile.path() + " names no running node:"
                    + " another Cassandra uses this port; stop it or choose other ports");
        }
        List<String> command = command();
        configFiles.write(listenAddress, nativePort, storagePort, testMode);
        Path out = outputLog();
        try {
            Files.writeString(out, Instant.now() + " launcher: " + String.join(" ", command) + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            process = new ProcessBuilder(command)
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()))
                    .start();
            process.getOutputStream().close(); // no console input: the node must not wait on one
        } catch (IOException e) {
            throw new UncheckedIOException("cannot launch " + command.get(0), e);
        }
        long pid = process.pid(); // setsid and setpriv exec, never fork: this is the java process itself
        pidFile.write(pid);
        try {
            awaitReady(pid, deadline);
        } catch (RuntimeException e) {
            // Leave nothing behind: a half-started node would hold the ports and the data directories.
            Processes.stop(pid, Duration.ofSeconds(10));
            pidFile.delete();
            process = null;
            throw e;
        }
        return true;
    }

    private void awaitReady(long pid, long deadline) {
        while (true) {
            if (!Processes.isRunning(pid)) {
                throw failure("Cassandra (pid " + pid + ") exited during start" + exitCode());
            }
            if (CqlProbe.answers(listenAddress, nativePort, PROBE_TIMEOUT)) {
                Optional<String> commandLine = Processes.commandLine(pid);
                if (commandLine.isPresent() && !commandLine.get().contains(MAIN_CLASS)) {
                    throw failure("pid " + pid + " is not the Cassandra JVM: " + commandLine.get());
                }
                return;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw failure("Cassandra (pid " + pid + ") did not answer CQL on " + listenAddress + ":" + nativePort
                        + " within " + startTimeout.toSeconds() + " s");
            }
            Processes.sleep(POLL);
        }
    }

    private String exitCode() {
        Process launched = process;
        if (launched != null && !launched.isAlive()) {
            return " with code " + launched.exitValue();
        }
        return "";
    }

    private CassandraStartException failure(String what) {
        return new CassandraStartException(what
                + LogTail.block(outputLog(), LOG_LINES)
                + LogTail.block(configFiles.logDirectory().resolve("system.log"), LOG_LINES));
    }

    /**
     * Stops the node this home's pid file names: SIGTERM (Cassandra drains and flushes), then SIGKILL after the stop
     * timeout. Works from any JVM.
     *
     * @return true when a running node was stopped, false when none was running
     */
    public boolean stop() {
        OptionalLong pid = pid();
        if (pid.isEmpty()) {
            pidFile.delete();
            process = null;
            return false;
        }
        if (!Processes.stop(pid.getAsLong(), stopTimeout)) {
            throw new IllegalStateException("Cassandra (pid " + pid.getAsLong() + ") is still running after SIGKILL");
        }
        pidFile.delete();
        process = null;
        return true;
    }

    /** The pid of the running node of this home, from its pid file; empty when none runs (a stale file is ignored). */
    public OptionalLong pid() {
        OptionalLong pid = pidFile.read();
        if (pid.isPresent() && Processes.isRunning(pid.getAsLong(), MAIN_CLASS)) {
            return pid;
        }
        return OptionalLong.empty();
    }

    /** True when this home's node process runs, whether or not it answers CQL yet. */
    public boolean isRunning() {
        return pid().isPresent();
    }

    /** True when this home's node runs and answers CQL: start() would attach to it. */
    public boolean isAlreadyRunning() {
        return isRunning() && CqlProbe.answers(listenAddress, nativePort, PROBE_TIMEOUT);
    }

    public int nativePort() {
        return nativePort;
    }

    public int storagePort() {
        return storagePort;
    }

    public String listenAddress() {
        return listenAddress;
    }

    public Path home() {
        return home;
    }

    public Path pidFile() {
        return pidFile.path();
    }

    /** The node's stdout and stderr (JVM errors, warnings); the full log is {@code <home>/logs/system.log}. */
    public Path outputLog() {
        return configFiles.logDirectory().resolve("cassandra.out");
    }

    /** The full command that launches the node (prefixes included), for logs and diagnostics. */
    public List<String> command() {
        if (libDirectory == null) {
            throw new IllegalStateException("libDirectory is not set: the folder of the cassandra-all jars is needed to start");
        }
        checkJava();
        Path jamm = findJar("jamm-");
        findJar("cassandra-all-");
        List<String> command = new ArrayList<>();
        if (Os.isRoot()) {
            // As root Cassandra's mlockall() succeeds and pins the whole heap; without CAP_IPC_LOCK it fails harmlessly.
            Os.find("setpriv").ifPresent(setpriv -> command.addAll(List.of(setpriv.toString(),
                    "--inh-caps=-ipc_lock", "--bounding-set=-ipc_lock", "--")));
        }
        // Own session: the node survives the launching shell and a Ctrl-C aimed at the server. setsid only forks when
        // its caller leads a process group, which a JVM's child never does, so process.pid() stays the java pid.
        Os.find("setsid").ifPresent(setsid -> command.add(0, setsid.toString()));
        command.add(javaExecutable.toString());
        command.addAll(heap);
        command.addAll(List.of(
                "-XX:+UseG1GC",
                "-XX:+ParallelRefProcEnabled",
                "-XX:MaxTenuringThreshold=1",
                "-XX:+ExitOnOutOfMemoryError",
                "-Djava.net.preferIPv4Stack=true",
                "-Djdk.attach.allowAttachSelf=true"));
        command.addAll(JAVA17_MODULE_FLAGS);
        command.addAll(List.of(
                "-Dio.netty.tryReflectionSetAccessible=true",
                "-Dio.netty.allocator.useCacheForAllThreads=true",
                "-Dio.netty.allocator.maxOrder=11",
                "-Dchronicle.announcer.disable=true",
                "-javaagent:" + jamm,
                "-Dcassandra-foreground=yes",
                "-Dcassandra.config=" + configFiles.yaml().toUri(),
                "-Dcassandra.storagedir=" + configFiles.dataRoot(),
                "-Dcassandra.logdir=" + configFiles.logDirectory(),
                "-Dlogback.configurationFile=" + configFiles.logback(),
                "-Dcassandra.native_transport_port=" + nativePort,
                "-Dcassandra.storage_port=" + storagePort,
                // A single node has no peer to tell it is going down: skip the 2 s pause that lets gossip spread it.
                "-Dcassandra.shutdown_announce_in_ms=0"));
        if (testMode) {
            command.addAll(TEST_ONLY_FLAGS);
        }
        command.addAll(List.of("-cp", libDirectory + File.separator + "*", MAIN_CLASS));
        return command;
    }

    private Path findJar(String prefix) {
        try (Stream<Path> files = Files.list(libDirectory)) {
            return files.filter(file -> file.getFileName().toString().startsWith(prefix)
                            && file.getFileName().toString().endsWith(".jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(libDirectory + " holds no " + prefix + "*.jar:"
                            + " it must be the folder of the cassandra-all jars and their dependencies"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + libDirectory, e);
        }
    }

    /** Fails fast with a clear message instead of Cassandra's obscure death on an unsupported Java. */
    private void checkJava() {
        Path release = javaExecutable.toAbsolutePath().getParent().getParent().resolve("release");
        Optional<Integer> major = Os.javaMajorVersion(release);
        if (major.isPresent() && !SUPPORTED_JAVA.contains(major.get())) {
            throw new IllegalStateException("Cassandra 5.0 needs Java 17 (or 11), but " + javaExecutable
                    + " is Java " + major.get() + ": set JAVA_HOME to a Java 17");
        }
    }

    /** Settings of the node; everything but home has a default suitable for a distribution's embedded node. */
    public static final class Builder {

        private Path home;
        private Path libDirectory;
        private int nativePort = 9042;
        private int storagePort = 7000;
        private String listenAddress = "127.0.0.1";
        private String heap = "-Xms256m -Xmx1g";
        private Path javaExecutable = Path.of(System.getProperty("java.home"), "bin", "java");
        private boolean testMode;
        private Duration startTimeout = Duration.ofSeconds(120);
        private Duration stopTimeout = Duration.ofSeconds(60);

        private Builder() {
        }

        /** The node's folder: conf/, data/, logs/ and the pid file, e.g. {@code <dist>/var/cassandra}. */
        public Builder home(Path home) {
            this.home = Objects.requireNonNull(home, "home");
            return this;
        }

        /** The folder of the cassandra-all jars and their dependencies (only needed to start). */
        public Builder libDirectory(Path libDirectory) {
            this.libDirectory = Objects.requireNonNull(libDirectory, "libDirectory");
            return this;
        }

        public Builder nativePort(int nativePort) {
            this.nativePort = port("nativePort", nativePort);
            return this;
        }

        public Builder storagePort(int storagePort) {
            this.storagePort = port("storagePort", storagePort);
            return this;
        }

        /** A loopback address: the node has no authentication, so it must never be reachable from the network. */
        public Builder listenAddress(String listenAddress) {
            this.listenAddress = Objects.requireNonNull(listenAddress, "listenAddress");
            return this;
        }

        /** Heap options, space separated, e.g. {@code -Xms256m -Xmx1g}. */
        public Builder heap(String heap) {
            this.heap = Objects.requireNonNull(heap, "heap");
            return this;
        }

        /** The java to run Cassandra with; default: the running JVM's. Must be Java 17 (or 11). */
        public Builder javaExecutable(Path javaExecutable) {
            this.javaExecutable = Objects.requireNonNull(javaExecutable, "javaExecutable");
            return this;
        }

        /** True for tests: no fsync, fast shutdown, no auto snapshots. Never for data that matters. */
        public Builder testMode(boolean testMode) {
            this.testMode = testMode;
            return this;
        }

        public Builder startTimeout(Duration startTimeout) {
            this.startTimeout = positive("startTimeout", startTimeout);
            return this;
        }

        /** How long SIGTERM may take before SIGKILL. */
        public Builder stopTimeout(Duration stopTimeout) {
            this.stopTimeout = positive("stopTimeout", stopTimeout);
            return this;
        }

        public EmbeddedCassandra build() {
            if (home == null) {
                throw new IllegalStateException("home is required");
            }
            if (nativePort == storagePort) {
                throw new IllegalArgumentException("nativePort and storagePort are both " + nativePort);
            }
            if (!isLoopback(listenAddress)) {
                throw new IllegalArgumentException("listenAddress " + listenAddress + " is not a loopback address");
            }
            if (heap.isBlank() || Arrays.stream(heap.trim().split("\\s+")).anyMatch(option -> !option.startsWith("-"))) {
                throw new IllegalArgumentException("heap '" + heap + "' is not a list of JVM options (e.g. -Xms256m -Xmx1g)");
            }
            return new EmbeddedCassandra(this);
        }

        private static boolean isLoopback(String address) {
            // Literal addresses only: resolving a name could consult DNS and would make the check depend on it.
            if (!address.matches("[0-9.]+|[0-9a-fA-F:]+")) {
                return false;
            }
            try {
                return InetAddress.getByName(address).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }

        private static int port(String name, int port) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException(name + " " + port + " is not a port (1-65535)");
            }
            return port;
        }

        private static Duration positive(String name, Duration duration) {
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return duration;
        }
    }
}
