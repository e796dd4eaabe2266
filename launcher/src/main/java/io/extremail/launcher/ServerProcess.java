package io.extremail.launcher;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** The mail server's JVM: how it is launched, and found again through {@code var/run/server.pid}. */
final class ServerProcess {

    static final String MAIN_CLASS = "io.extremail.server.ExtremailServer";

    private final Distribution distribution;
    private final String mainClass;
    private final PidFile pidFile;

    ServerProcess(Distribution distribution, String mainClass) {
        this.distribution = distribution;
        this.mainClass = mainClass;
        this.pidFile = new PidFile(distribution.serverPidFile());
    }

    List<String> command() {
        Path home = distribution.home();
        List<String> command = new ArrayList<>();
        // The launcher's own java: bin/extremail already checked it is Java 17 or newer.
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JvmOptions.read(distribution.jvmOptions()));
        command.add("-Dworking.directory=" + home);
        command.add("-Dextremail.home=" + home);
        command.add("-Dlogback.configurationFile=" + distribution.serverLogback());
        command.add("-cp");
        command.add(distribution.lib() + File.separator + "*");
        command.add(mainClass);
        return command;
    }

    /** Detached: own session (survives the shell), output appended to logs/server.out, no console input. */
    Process startInBackground() {
        List<String> command = new ArrayList<>(command());
        Os.find("setsid").ifPresent(setsid -> command.add(0, setsid.toString()));
        Path out = distribution.serverOutput();
        try {
            Files.createDirectories(out.getParent());
            Files.writeString(out, Instant.now() + " launcher: " + String.join(" ", command) + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            return started(new ProcessBuilder(command)
                    .directory(distribution.home().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot launch the server", e);
        }
    }

    /** Attached to the launcher's console: same process group, so Ctrl-C reaches it directly too. */
    Process startInForeground() {
        return started(new ProcessBuilder(command())
                .directory(distribution.home().toFile())
                .inheritIO());
    }

    private Process started(ProcessBuilder builder) {
        try {
            Files.createDirectories(distribution.runDirectory());
            // A file left by an earlier run would make the launcher report success before this server is up.
            Files.deleteIfExists(distribution.serverStartedFile());
            // glibc gives each busy thread a malloc arena of its own (up to 8 per core), which the JVM's native
            // allocations then spread over: two keep the resident size down at no cost measured (bench/).
            builder.environment().putIfAbsent("MALLOC_ARENA_MAX", "2");
            Process process = builder.start();
            if (builder.redirectInput() == ProcessBuilder.Redirect.PIPE) {
                process.getOutputStream().close();
            }
            pidFile.write(process.pid());
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot launch the server", e);
        }
    }

    /** The running server's pid; a pid file naming a dead or unrelated process counts as none. */
    OptionalLong pid() {
        OptionalLong pid = pidFile.read();
        if (pid.isPresent() && Processes.isRunning(pid.getAsLong(), mainClass)) {
            return pid;
        }
        return OptionalLong.empty();
    }

    boolean isStarted() {
        return Files.exists(distribution.serverStartedFile());
    }

    /** SIGTERM (the server closes its ports and flushes), then SIGKILL after graceful; forgets the pid files. */
    boolean stop(Duration graceful) {
        OptionalLong pid = pid();
        boolean gone = pid.isEmpty() || Processes.stop(pid.getAsLong(), graceful);
        if (gone) {
            forget();
        }
        return gone;
    }

    void forget() {
        pidFile.delete();
        try {
            Files.deleteIfExists(distribution.serverStartedFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + distribution.serverStartedFile(), e);
        }
    }

    Path pidFile() {
        return pidFile.path();
    }
}
