package io.extremail.launcher;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** A minimal unpacked distribution in a temporary folder: conf/, lib/fake-server.jar and, if asked, cassandra-lib/. */
final class TestDistribution {

    private final Path home;

    TestDistribution(Path home) {
        this.home = home;
    }

    Path home() {
        return home;
    }

    TestDistribution properties(String... lines) throws IOException {
        Files.createDirectories(home.resolve("conf"));
        Files.write(home.resolve("conf/cassandra.properties"), List.of(lines), StandardCharsets.UTF_8);
        return this;
    }

    TestDistribution serverMode(String mode) throws IOException {
        Files.createDirectories(home.resolve("conf"));
        Files.write(home.resolve("conf/jvm.options"),
                List.of("# options of the test server", "", "-Xmx64m", "-Dfake.mode=" + mode), StandardCharsets.UTF_8);
        return this;
    }

    /** lib/fake-server.jar holding FakeServer: the launcher runs the server from lib/*.jar only. */
    TestDistribution withFakeServer() throws IOException {
        Path lib = Files.createDirectories(home.resolve("lib"));
        try {
            Path classes = Path.of(FakeServer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path packageDir = classes.resolve("io/extremail/launcher");
            try (OutputStream file = Files.newOutputStream(lib.resolve("fake-server.jar"));
                 JarOutputStream jar = new JarOutputStream(file);
                 Stream<Path> entries = Files.list(packageDir)) {
                for (Path clazz : entries.filter(p -> p.getFileName().toString().startsWith("FakeServer"))
                        .collect(Collectors.toList())) {
                    jar.putNextEntry(new JarEntry("io/extremail/launcher/" + clazz.getFileName()));
                    jar.write(Files.readAllBytes(clazz));
                    jar.closeEntry();
                }
            }
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    TestDistribution withCassandraLib() throws IOException {
        Files.createSymbolicLink(home.resolve("cassandra-lib"), cassandraLib());
        return this;
    }

    static Path cassandraLib() {
        String lib = System.getProperty("cassandra.lib");
        if (lib == null) {
            throw new IllegalStateException("-Dcassandra.lib is not set: run the tests through Maven (see launcher/pom.xml)");
        }
        Path path = Path.of(lib).toAbsolutePath().normalize();
        if (!Files.isDirectory(path)) {
            throw new IllegalStateException(path + " is missing: build embedded-cassandra first (mvn -pl embedded-cassandra,launcher -am install)");
        }
        return path;
    }

    /** Every process whose command line mentions this distribution: what a test must leave behind is none. */
    List<ProcessHandle> processes() {
        String marker = home.toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.pid() != ProcessHandle.current().pid())
                .filter(p -> Processes.isRunning(p.pid()))
                .filter(p -> p.info().commandLine().map(line -> line.contains(marker)).orElse(false))
                .collect(Collectors.toList());
    }

    /** Last resort after a failed test: kill, by pid, whatever the test started. */
    void killLeftovers() {
        for (ProcessHandle process : processes()) {
            process.destroyForcibly();
            Processes.waitForExit(process.pid(), java.time.Duration.ofSeconds(10));
        }
    }
}
