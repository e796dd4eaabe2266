package io.extremail.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Where the build put the distribution and the Cassandra jars, and where tests may write. */
final class TestPaths {
    private TestPaths() {
    }

    static Path distribution() {
        return existing("extremail.dist");
    }

    static Path archive() {
        return existing("extremail.archive");
    }

    static Path cassandraLib() {
        return existing("extremail.cassandraLib");
    }

    static Path workDirectory() {
        return Path.of(System.getProperty("extremail.workDirectory", "target/e2e")).toAbsolutePath();
    }

    private static Path existing(String property) {
        String value = System.getProperty(property);
        if (value == null || !Files.exists(Path.of(value))) {
            throw new IllegalStateException("-D" + property + " must name a built artifact (run 'mvn verify' from the top folder); got " + value);
        }
        return Path.of(value).toAbsolutePath().normalize();
    }

    static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
