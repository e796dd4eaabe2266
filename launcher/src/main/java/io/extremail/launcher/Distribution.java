package io.extremail.launcher;

import java.nio.file.Path;

/**
 * Where things are in an unpacked distribution: {@code bin/ conf/ lib/ cassandra-lib/ var/ logs/}. One place, so the
 * launcher, the scripts and the documentation cannot disagree about a path.
 */
final class Distribution {

    private final Path home;

    Distribution(Path home) {
        this.home = home.toAbsolutePath().normalize();
    }

    Path home() {
        return home;
    }

    Path conf() {
        return home.resolve("conf");
    }

    Path cassandraProperties() {
        return conf().resolve("cassandra.properties");
    }

    Path jvmOptions() {
        return conf().resolve("jvm.options");
    }

    Path serverLogback() {
        return conf().resolve("logback.xml");
    }

    Path lib() {
        return home.resolve("lib");
    }

    Path cassandraLib() {
        return home.resolve("cassandra-lib");
    }

    Path cassandraHome() {
        return home.resolve("var").resolve("cassandra");
    }

    Path runDirectory() {
        return home.resolve("var").resolve("run");
    }

    Path serverPidFile() {
        return runDirectory().resolve("server.pid");
    }

    /** Created by the server once every service listens: the launcher's signal that start succeeded. */
    Path serverStartedFile() {
        return runDirectory().resolve("server.started");
    }

    Path logs() {
        return home.resolve("logs");
    }

    Path serverOutput() {
        return logs().resolve("server.out");
    }

    /** A path as the operator sees it in messages: relative to the distribution when inside it. */
    String display(Path path) {
        return path.startsWith(home) ? home.relativize(path).toString() : path.toString();
    }
}
