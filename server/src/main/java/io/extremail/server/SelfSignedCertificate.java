package io.extremail.server;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.xml.parsers.DocumentBuilderFactory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Creates a self-signed certificate on first start when the keystore named in {@code conf/smtpserver.xml}
 * ({@code <tls><keystore>file://conf/…</keystore><secret>…</secret>}) does not exist, so that STARTTLS, SMTPS,
 * IMAPS and POP3S work out of the box. Uses the JDK's own {@code keytool}. An operator's keystore is never touched.
 */
final class SelfSignedCertificate {
    private static final Logger LOGGER = LoggerFactory.getLogger(SelfSignedCertificate.class);
    private static final String CONF_PREFIX = "file://conf/";

    private final Path conf;

    SelfSignedCertificate(Path conf) {
        this.conf = conf;
    }

    void createIfMissing() throws Exception {
        Path smtpConfiguration = conf.resolve("smtpserver.xml");
        if (!Files.exists(smtpConfiguration)) {
            return;
        }
        NodeList tlsElements = DocumentBuilderFactory.newInstance().newDocumentBuilder()
            .parse(smtpConfiguration.toFile()).getElementsByTagName("tls");
        if (tlsElements.getLength() == 0) {
            return;
        }
        Element tls = (Element) tlsElements.item(0);
        String keystore = text(tls, "keystore");
        String secret = text(tls, "secret");
        if (keystore == null || secret == null || !keystore.startsWith(CONF_PREFIX)) {
            return;
        }
        Path keystoreFile = conf.resolve(keystore.substring(CONF_PREFIX.length()));
        if (Files.exists(keystoreFile)) {
            return;
        }
        generate(keystoreFile, secret);
    }

    private void generate(Path keystoreFile, String secret) throws IOException, InterruptedException {
        String hostName = InetAddress.getLocalHost().getCanonicalHostName();
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = List.of(keytool.toString(), "-genkeypair", "-noprompt",
            "-alias", "extremail", "-keyalg", "RSA", "-keysize", "2048", "-validity", "3650",
            "-storetype", "PKCS12", "-keystore", keystoreFile.toString(),
            "-storepass", secret, "-keypass", secret,
            "-dname", "CN=" + hostName,
            "-ext", "SAN=dns:" + hostName + ",dns:localhost,ip:127.0.0.1");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new InvalidConfigurationException(keystoreFile + ": could not create a self-signed certificate: " + output.trim());
        }
        LOGGER.info("Created a self-signed certificate for {} in {}: replace it with a real one for production", hostName, keystoreFile);
    }

    private static String text(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().trim();
    }
}
