package io.extremail.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Process checks and a graceful stop that work for processes started by an earlier JVM (only a pid is known).
 */
final class Processes {

    private static final Duration POLL = Duration.ofMillis(100);
    /** After SIGKILL the kernel needs a moment; never wait forever for it. */
    private static final Duration AFTER_KILL = Duration.ofSeconds(10);

    private Processes() {
    }

    /**
     * True while the process exists and is not a zombie. ProcessHandle.isAlive() alone says true for zombies, and
     * zombies are common here: a node started by an earlier launcher is re-parented to PID 1, which may never reap it.
     */
    static boolean isRunning(long pid) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        return handle.isPresent() && handle.get().isAlive() && !isZombie(pid);
    }

    private static boolean isZombie(long pid) {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        try {
            String line = Files.readString(stat, StandardCharsets.UTF_8);
            // Format: "pid (comm) S ..."; comm may contain spaces and parentheses, the state follows the last ')'.
            int end = line.lastIndexOf(')');
            return end >= 0 && end + 2 < line.length() && line.charAt(end + 2) == 'Z';
        } catch (IOException | RuntimeException e) {
            return false; // no /proc (or the process just vanished): rely on isAlive()
        }
    }

    /** The full command line, or empty when the OS does not tell (then callers cannot rule out pid reuse). */
    static Optional<String> commandLine(long pid) {
        return ProcessHandle.of(pid).flatMap(handle -> handle.info().commandLine());
    }

    /**
     * True when pid runs a JVM whose command line contains marker (e.g. its main class). Guards against a stale pid
     * file whose number the OS has since given to an unrelated process, which we must never signal.
     */
    static boolean isRunning(long pid, String marker) {
        if (!isRunning(pid)) {
            return false;
        }
        return commandLine(pid).map(line -> line.contains(marker)).orElse(true);
    }

    /**
     * SIGTERM, wait up to graceful, then SIGKILL. Returns true when the process is gone at the end.
     */
    static boolean stop(long pid, Duration graceful) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !isRunning(pid)) {
            return true;
        }
        handle.get().destroy();
        if (waitForExit(pid, graceful)) {
            return true;
        }
        handle.get().destroyForcibly();
        return waitForExit(pid, AFTER_KILL);
    }

    /** Polls rather than onExit(): onExit() of a non-child never completes while the process is a zombie. */
    static boolean waitForExit(long pid, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (isRunning(pid)) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            sleep(POLL);
        }
        return true;
    }

    static void sleep(Duration duration) {
        try {
            TimeUnit.MILLISECONDS.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
