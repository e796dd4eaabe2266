package io.extremail.server;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.rmi.server.RMISocketFactory;
import java.util.Properties;

/**
 * James's JMX connector exports its RMI objects on the default socket factory, which listens on every interface.
 * This binds every RMI server socket of the JVM to {@code jmx.address} of {@code conf/jmx.properties}
 * (127.0.0.1 by default), so JMX is reachable from that address only.
 */
final class JmxLoopbackBinding extends RMISocketFactory {
    private static final String DEFAULT_ADDRESS = "127.0.0.1";

    private final InetAddress address;

    private JmxLoopbackBinding(InetAddress address) {
        this.address = address;
    }

    static void apply(Path confDirectory) throws IOException {
        RMISocketFactory.setSocketFactory(new JmxLoopbackBinding(InetAddress.getByName(configuredAddress(confDirectory))));
    }

    private static String configuredAddress(Path confDirectory) throws IOException {
        Path file = confDirectory.resolve("jmx.properties");
        if (!Files.exists(file)) {
            return DEFAULT_ADDRESS;
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        }
        return properties.getProperty("jmx.address", DEFAULT_ADDRESS).trim();
    }

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
        return new ServerSocket(port, 50, address);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return new Socket(host, port);
    }
}
