package io.extremail.launcher;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The keys of {@code conf/cassandra.properties} the launcher itself uses (the server reads the rest). Validated before
 * anything starts, so a typo is one clear line instead of a Cassandra stack trace.
 */
final class LauncherSettings {

    static final String FILE = "conf/cassandra.properties";
    static final String EMBEDDED = "cassandra.embedded";
    static final String NATIVE_PORT = "cassandra.embedded.nativePort";
    static final String STORAGE_PORT = "cassandra.embedded.storagePort";
    static final String HEAP = "cassandra.embedded.heap";
    static final String NODES = "cassandra.nodes";

    private final boolean embedded;
    private final int nativePort;
    private final int storagePort;
    private final String heap;
    private final String nodes;

    private LauncherSettings(boolean embedded, int nativePort, int storagePort, String heap, String nodes) {
        this.embedded = embedded;
        this.nativePort = nativePort;
        this.storagePort = storagePort;
        this.heap = heap;
        this.nodes = nodes;
    }

    /** Reads the file; a missing file means every default (embedded node on 9042/7000). */
    static LauncherSettings load(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            // defaults
        } catch (IOException | IllegalArgumentException e) {
            throw invalid("cannot be read: " + e.getMessage());
        }
        return from(properties);
    }

    static LauncherSettings from(Properties properties) {
        boolean embedded = bool(properties, EMBEDDED, true);
        int nativePort = port(properties, NATIVE_PORT, 9042);
        int storagePort = port(properties, STORAGE_PORT, 7000);
        if (embedded && nativePort == storagePort) {
            throw invalid(STORAGE_PORT + ": " + storagePort + " is already " + NATIVE_PORT);
        }
        String heap = heap(properties);
        String nodes = properties.getProperty(NODES, "").trim();
        if (!embedded && nodes.isEmpty()) {
            throw invalid(EMBEDDED + " is false but " + NODES + " names no Cassandra node");
        }
        return new LauncherSettings(embedded, nativePort, storagePort, heap, nodes);
    }

    private static boolean bool(Properties properties, String key, boolean defaultValue) {
        String value = properties.getProperty(key);
        if (value == null) {
            return defaultValue;
        }
        String trimmed = value.trim();
        if (trimmed.equalsIgnoreCase("true")) {
            return true;
        }
        if (trimmed.equalsIgnoreCase("false")) {
            return false;
        }
        throw invalid(key + ": '" + trimmed + "' is not true or false");
    }

    private static int port(Properties properties, String key, int defaultValue) {
        String value = properties.getProperty(key);
        if (value == null) {
            return defaultValue;
        }
        String trimmed = value.trim();
        try {
            int port = Integer.parseInt(trimmed);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(key + ": '" + trimmed + "' is not a port (1-65535)");
    }

    private static String heap(Properties properties) {
        String value = properties.getProperty(HEAP);
        if (value == null) {
            return "-Xms256m -Xmx1g";
        }
        String trimmed = value.trim();
        if (!trimmed.matches("-X\\S+(\\s+-X\\S+)*")) {
            throw invalid(HEAP + ": '" + trimmed + "' is not a list of -X options (e.g. -Xms256m -Xmx1g)");
        }
        return trimmed;
    }

    private static LauncherException invalid(String message) {
        return new LauncherException(1, FILE + ": " + message);
    }

    boolean embedded() {
        return embedded;
    }

    int nativePort() {
        return nativePort;
    }

    int storagePort() {
        return storagePort;
    }

    String heap() {
        return heap;
    }

    /** The external cluster's contact points, as written (only meaningful when not embedded). */
    String nodes() {
        return nodes;
    }
}
