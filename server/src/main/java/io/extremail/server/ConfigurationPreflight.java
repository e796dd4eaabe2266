package io.extremail.server;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Checks {@code conf/} before anything starts, so that a broken file stops the server in a second with the file,
 * line and reason, instead of deep inside Guice: every XML file must be well formed, every properties file
 * readable, every listening port a number from 1 to 65535 used by one listener only, and WebAdmin (which can do
 * anything) either on loopback or behind JWT authentication.
 */
final class ConfigurationPreflight {
    private static final List<ServerFile> PROTOCOL_FILES = List.of(
        new ServerFile("smtpserver.xml", "smtpserver"),
        new ServerFile("imapserver.xml", "imapserver"),
        new ServerFile("pop3server.xml", "pop3server"));
    private static final List<PortProperty> PORT_PROPERTIES = List.of(
        new PortProperty("webadmin.properties", "port", "enabled"),
        new PortProperty("jmx.properties", "jmx.port", "jmx.enabled"));

    private final Path conf;
    private final Map<Integer, String> portOwners = new HashMap<>();

    ConfigurationPreflight(Path conf) {
        this.conf = conf;
    }

    void check() {
        if (!Files.isDirectory(conf)) {
            throw new InvalidConfigurationException(conf + ": configuration folder not found");
        }
        Map<String, Document> documents = files(".xml").stream()
            .collect(Collectors.toMap(file -> file.getFileName().toString(), this::parseXml));
        files(".properties").forEach(this::loadProperties);
        PROTOCOL_FILES.forEach(server -> {
            Document document = documents.get(server.file());
            if (document != null) {
                checkBinds(server, document);
            }
        });
        PORT_PROPERTIES.forEach(this::checkPortProperty);
        checkWebAdmin();
    }

    private void checkWebAdmin() {
        Path file = conf.resolve("webadmin.properties");
        if (!Files.exists(file)) {
            return;
        }
        Properties properties = loadProperties(file);
        if ("false".equalsIgnoreCase(properties.getProperty("enabled", "true").trim())) {
            return;
        }
        String host = properties.getProperty("host", "localhost").trim();
        checkWebAdminAuthentication(properties, host);
        String port = properties.getProperty("port");
        if (port != null) {
            checkWebAdminPortFree(host, parsePort(port, display("webadmin.properties") + ": port: '" + port.trim() + "'"));
        }
    }

    private void checkWebAdminAuthentication(Properties properties, String host) {
        String where = display("webadmin.properties");
        boolean jwt = "true".equalsIgnoreCase(properties.getProperty("jwt.enabled", "false").trim());
        if (jwt) {
            String keyUrl = properties.getProperty("jwt.publickeypem.url", "").trim();
            if (keyUrl.isEmpty()) {
                throw new InvalidConfigurationException(where + ": jwt.enabled=true needs jwt.publickeypem.url, the PEM public key "
                    + "tokens are checked with (e.g. file://conf/jwt_publickey)");
            }
            if (keyUrl.startsWith("file://") && !Files.isReadable(conf.getParent().resolve(keyUrl.substring("file://".length())))) {
                throw new InvalidConfigurationException(where + ": jwt.publickeypem.url: " + keyUrl + " is not a readable file");
            }
            return;
        }
        if (!isLoopback(host)) {
            throw new InvalidConfigurationException(where + ": host=" + host + " opens WebAdmin beyond loopback without "
                + "authentication: set jwt.enabled=true and jwt.publickeypem.url, or host=127.0.0.1");
        }
    }

    /**
     * James's WebAdmin binds in a thread of its own and, when its port is taken, leaves the start waiting for it for
     * good (the other listeners fail the start): so its port is tried here first.
     */
    private static void checkWebAdminPortFree(String host, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (IOException e) {
            throw new InvalidConfigurationException(display("webadmin.properties") + ": port=" + port + " on host=" + host
                + " cannot be listened on (" + e.getMessage() + "): another process holds it, or choose another port");
        }
    }

    /** True when every address the name stands for is a loopback one; a name that does not resolve is not. */
    private static boolean isLoopback(String host) {
        try {
            InetAddress[] addresses = InetAddress.getAllByName(host);
            return addresses.length > 0 && java.util.Arrays.stream(addresses).allMatch(InetAddress::isLoopbackAddress);
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private List<Path> files(String suffix) {
        try (Stream<Path> listing = Files.list(conf)) {
            return listing.filter(path -> path.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new InvalidConfigurationException(conf + ": cannot list the configuration folder: " + e.getMessage(), e);
        }
    }

    private Document parseXml(Path file) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(file.toFile());
        } catch (SAXParseException e) {
            throw new InvalidConfigurationException(display(file.getFileName().toString()) + " line " + e.getLineNumber()
                + " column " + e.getColumnNumber() + ": malformed XML: " + e.getMessage(), e);
        } catch (SAXException | IOException | ParserConfigurationException e) {
            throw new InvalidConfigurationException(display(file.getFileName().toString()) + ": unreadable XML: " + e.getMessage(), e);
        }
    }

    private Properties loadProperties(Path file) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
            return properties;
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidConfigurationException(display(file.getFileName().toString()) + ": unreadable properties: " + e.getMessage(), e);
        }
    }

    private void checkBinds(ServerFile server, Document document) {
        NodeList servers = document.getElementsByTagName(server.element());
        for (int index = 0; index < servers.getLength(); index++) {
            Element element = (Element) servers.item(index);
            if ("false".equalsIgnoreCase(element.getAttribute("enabled").trim())) {
                continue;
            }
            String where = display(server.file()) + ": <" + server.element() + "> #" + (index + 1) + " <bind>";
            NodeList binds = element.getElementsByTagName("bind");
            if (binds.getLength() == 0) {
                throw new InvalidConfigurationException(where + ": missing (expected address:port, e.g. 0.0.0.0:25)");
            }
            for (String address : binds.item(0).getTextContent().split(",")) {
                String trimmed = address.trim();
                int colon = trimmed.lastIndexOf(':');
                if (colon < 0) {
                    throw new InvalidConfigurationException(where + ": '" + trimmed + "' has no port (expected address:port)");
                }
                claim(parsePort(trimmed.substring(colon + 1), where + ": '" + trimmed + "'"), where);
            }
        }
    }

    private void checkPortProperty(PortProperty property) {
        Path file = conf.resolve(property.file());
        if (!Files.exists(file)) {
            return;
        }
        Properties properties = loadProperties(file);
        if ("false".equalsIgnoreCase(properties.getProperty(property.enabledKey(), "true").trim())) {
            return;
        }
        String value = properties.getProperty(property.key());
        if (value != null) {
            String where = display(property.file()) + ": " + property.key();
            claim(parsePort(value, where + ": '" + value.trim() + "'"), where);
        }
    }

    private static int parsePort(String value, String where) {
        try {
            int port = Integer.parseInt(value.trim());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below with the same message as an out-of-range number
        }
        throw new InvalidConfigurationException(where + " is not a valid port (1-65535)");
    }

    private void claim(int port, String where) {
        String previous = portOwners.putIfAbsent(port, where);
        if (previous != null) {
            throw new InvalidConfigurationException(where + ": port " + port + " is already used by " + previous);
        }
    }

    private static String display(String fileName) {
        return "conf/" + fileName;
    }

    private record ServerFile(String file, String element) {
    }

    private record PortProperty(String file, String key, String enabledKey) {
    }
}
