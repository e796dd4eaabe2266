package io.extremail.e2e;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Loopback ports nobody listens on, never handed out twice in one test run, and below the kernel's ephemeral range:
 * a port from that range can be taken by any outgoing connection (a client, Cassandra's driver) between being found
 * free and the server binding it (a CI run lost a server start to that: "Failed to bind to /127.0.0.1:46777").
 */
final class FreePorts {
    private static final Set<Integer> GIVEN = new HashSet<>();
    /** Above the benchmark's default ports (bench/run: 17000 to 24501), which a developer may run meanwhile. */
    private static final int LOWEST = 24_600;

    private FreePorts() {
    }

    static synchronized int next() {
        // A kernel whose ephemeral range starts lower leaves no safe range: then the race is back, but rare.
        int highest = Math.max(firstEphemeralPort() - 1, LOWEST + 5_000);
        for (int attempt = 0; attempt < 1000; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, highest + 1);
            if (!GIVEN.contains(port) && free(port)) {
                GIVEN.add(port);
                return port;
            }
        }
        throw new IllegalStateException("no free loopback port found from " + LOWEST + " to " + highest);
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    /** The low end of net.ipv4.ip_local_port_range (Linux's default is 32768). */
    private static int firstEphemeralPort() {
        try {
            // readAllLines, not readString: /proc files report a size of 0.
            return Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 32_768;
        }
    }
}
