package io.extremail.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An installed copy of the distribution for one test: its own bin/ and conf/ (edited by the test), the built
 * lib/ and cassandra-lib/ linked rather than copied. Runs {@code bin/extremail} as an operator would.
 */
class Distribution {
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(4);

    private final Path home;

    Distribution(Path home) {
        this.home = home;
    }

    static Distribution installCopy(String name) throws IOException {
        Path home = TestPaths.workDirectory().resolve("servers").resolve(name);
        TestPaths.deleteRecursively(home);
        Files.createDirectories(home);
        Path built = TestPaths.distribution();
        copyFolder(built.resolve("bin"), home.resolve("bin"));
        copyFolder(built.resolve("conf"), home.resolve("conf"));
        Files.createSymbolicLink(home.resolve("lib"), built.resolve("lib"));
        Files.createSymbolicLink(home.resolve("cassandra-lib"), built.resolve("cassandra-lib"));
        home.resolve("bin/extremail").toFile().setExecutable(true);
        return new Distribution(home);
    }

    /** Unpacks the shipped tar.gz with tar, as an operator would; the archive's single top folder is the home. */
    static Distribution unpackArchive(String name) throws IOException, InterruptedException {
        Path target = TestPaths.workDirectory().resolve("unpacked").resolve(name);
        TestPaths.deleteRecursively(target);
        Files.createDirectories(target);
        Process tar = new ProcessBuilder("tar", "xzf", TestPaths.archive().toString(), "-C", target.toString())
            .redirectErrorStream(true).start();
        String output = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!tar.waitFor(2, TimeUnit.MINUTES) || tar.exitValue() != 0) {
            throw new IllegalStateException("tar xzf " + TestPaths.archive() + " failed: " + output);
        }
        try (var top = Files.list(target)) {
            return new Distribution(top.filter(Files::isDirectory).findFirst()
                .orElseThrow(() -> new IllegalStateException("the archive has no top folder")));
        }
    }

    private static void copyFolder(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }

    Path home() {
        return home;
    }

    Path conf(String file) {
        return home.resolve("conf").resolve(file);
    }

    /** Replaces text in a configuration file; fails when the text is not there, so a changed default is noticed. */
    void edit(String file, String from, String to) throws IOException {
        Path path = conf(file);
        String content = Files.readString(path);
        if (!content.contains(from)) {
            throw new IllegalStateException(path + " does not contain '" + from + "'");
        }
        Files.writeString(path, content.replace(from, to));
    }

    void write(String file, String content) throws IOException {
        Files.writeString(conf(file), content);
    }

    CommandResult launcher(String command) throws IOException, InterruptedException {
        return run(List.of(home.resolve("bin/extremail").toString(), command), Map.of());
    }

    /** {@code bin/extremail-admin} with these arguments and environment, as an operator runs it. */
    CommandResult admin(Map<String, String> environment, String... arguments) throws IOException, InterruptedException {
        return adminWithInput("", environment, arguments);
    }

    /** {@code bin/extremail-admin} reading {@code input} on its standard input (the interactive mode, without a terminal). */
    CommandResult adminWithInput(String input, Map<String, String> environment, String... arguments) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(home.resolve("bin/extremail-admin").toString()));
        line.addAll(List.of(arguments));
        return run(line, environment, input);
    }

    private CommandResult run(List<String> line, Map<String, String> environment) throws IOException, InterruptedException {
        return run(line, environment, "");
    }

    private CommandResult run(List<String> line, Map<String, String> environment, String input) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(line).directory(home.toFile()).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        try (java.io.OutputStream stdin = process.getOutputStream()) {
            stdin.write(input.getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", line) + " did not return in " + COMMAND_TIMEOUT + ":\n" + output);
        }
        return new CommandResult(process.exitValue(), output);
    }

    long serverPid() throws IOException {
        return Long.parseLong(Files.readString(home.resolve("var/run/server.pid")).trim());
    }

    record CommandResult(int exitCode, String output) {
    }
}
