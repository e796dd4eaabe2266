package io.extremail.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Store;

import org.apache.commons.net.smtp.SMTPClient;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.TXTRecord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.extremail.e2e.MailClients.Protocol;

/**
 * DKIM signing of outgoing mail, DKIM verification and DMARC of incoming mail, against records served by a DNS
 * server this test runs on loopback (zone {@code example.}: each test domain is its own organizational domain).
 * Outgoing mail leaves through RemoteDelivery's gateway to a loopback {@link SmtpSink}; its signature is checked by
 * dkimpy (Debian's python3-dkim, independent of jDKIM) and by our own MX, which the signed message is sent back to.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SenderAuthenticationIT {
    private static final String SIGNED = "signed.example";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Debian's python3-dkim installs for Debian's interpreter (.ci/run installs it), not for another python3 on PATH. */
    private static final String DEBIAN_PYTHON = "/usr/bin/python3";

    private static LoopbackDnsServer dns;
    private static SmtpSink sink;
    private static ServerUnderTest server;
    private static String inbox;
    private static byte[] signedMessage;

    @BeforeAll
    static void startServer() throws Exception {
        dns = new LoopbackDnsServer("example");
        txt("relay.example", "v=spf1 ip4:127.0.0.2 -all");
        txt("_dmarc.relay.example", "v=DMARC1; p=reject");
        txt("_dmarc.reject.example", "v=DMARC1; p=reject");
        txt("_dmarc.quarantine.example", "v=DMARC1; p=quarantine");
        txt("_dmarc.sampled.example", "v=DMARC1; p=reject; pct=0");
        txt("_dmarc.broken.example", "v=DMARC1; p=sometimes");
        sink = new SmtpSink();
        server = ServerUnderTest.install("auth_it");
        server.distribution().edit("dnsservice.xml", "<autodiscover>true</autodiscover>",
            "<autodiscover>false</autodiscover>\n    <servers><server>127.0.0.1:" + dns.port() + "</server></servers>");
        server.distribution().edit("mailetcontainer.xml", "<outgoingQueue>outgoing</outgoingQueue>",
            "<outgoingQueue>outgoing</outgoingQueue>\n                <gateway>127.0.0.1</gateway>\n                <gatewayPort>" + sink.port() + "</gatewayPort>");
        server.start();
        inbox = "inbox@" + SIGNED;
        server.webAdmin().addDomain(SIGNED);
        server.webAdmin().addUser("alice@" + SIGNED, "secret");
        server.webAdmin().addUser(inbox, "secret");
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
        if (sink != null) {
            sink.close();
        }
        if (dns != null) {
            dns.close();
        }
    }

    @Test
    @Order(1)
    void mailOfADomainWithAKeyLeavesSignedAndAnIndependentVerifierAcceptsIt() throws Exception {
        HttpResponse<String> created = server.webAdmin().post("/dkim/" + SIGNED + "/keys", "{\"selector\": \"s1\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode key = JSON.readTree(created.body());
        assertThat(key.get("dnsName").asText()).isEqualTo("s1._domainkey." + SIGNED);
        assertThat(key.get("active").asBoolean()).isTrue();
        assertThat(key.get("bits").asInt()).isEqualTo(2048);
        assertThat(key.toString()).doesNotContain("privateKey");
        String record = key.get("dnsRecord").asText();
        txt("s1._domainkey." + SIGNED, record);

        MailClients.submit(server, "alice@" + SIGNED, "secret",
            MailClients.message("alice@" + SIGNED, "bob@remote.example", "signed mail", "Hello Bob,\r\n\r\nsigned.\r\n"));
        SmtpSink.Received received = awaitSink("signed mail");

        assertThat(received.text()).contains("DKIM-Signature:").contains("d=" + SIGNED + ";").contains("s=s1;");
        assertThat(dkimpy(received.message(), record)).isEqualTo("True");
        assertThat(dkimpy(received.text().replace("signed.\r\n", "changed.\r\n").getBytes(StandardCharsets.UTF_8), record)).isEqualTo("False");
        signedMessage = received.message();
    }

    @Test
    @Order(2)
    void ourMxVerifiesTheSignatureAndFailsATamperedBody() throws Exception {
        assertThat(signedMessage).as("the signed message of the first test").isNotNull();
        String signed = new String(signedMessage, StandardCharsets.UTF_8);

        assertThat(sendFrom127002("alice@" + SIGNED, inbox, signed))
            .startsWith("250");
        assertThat(sendFrom127002("alice@" + SIGNED, inbox, signed.replace("signed.\r\n", "changed.\r\n")
            )).startsWith("250");

        List<String> results = authenticationResults(inbox, "INBOX", "signed mail", 2);
        assertThat(results).anyMatch(header -> header.contains("dkim=pass header.d=" + SIGNED + " header.s=s1"));
        assertThat(results).anyMatch(header -> header.contains("dkim=fail (Computed bodyhash is different from the expected one) header.d=" + SIGNED));
        assertThat(results).allMatch(header -> header.contains("dmarc=none header.from=" + SIGNED));
    }

    @Test
    @Order(3)
    void rotationSignsWithTheNewKeyAndABrokenKeyRecordIsAPermerror() throws Exception {
        HttpResponse<String> created = server.webAdmin().post("/dkim/" + SIGNED + "/keys", "{\"selector\": \"s2\", \"activate\": false}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(JSON.readTree(server.webAdmin().get("/dkim/" + SIGNED + "/keys").body()).findValuesAsText("selector")).containsExactly("s1", "s2");
        assertThat(server.webAdmin().post("/dkim/" + SIGNED + "/keys/s2?action=activate", "").statusCode()).isEqualTo(200);
        txt("s2._domainkey." + SIGNED, "v=DKIM1; k=rsa; p=this-is-not-base64!");

        MailClients.submit(server, "alice@" + SIGNED, "secret",
            MailClients.message("alice@" + SIGNED, "bob@remote.example", "rotated mail", "after the rotation\r\n"));
        SmtpSink.Received received = awaitSink("rotated mail");
        assertThat(received.text()).contains("s=s2;");

        assertThat(sendFrom127002("alice@" + SIGNED, inbox, received.text())).startsWith("250");
        assertThat(authenticationResults(inbox, "INBOX", "rotated mail", 1).get(0))
            .contains("dkim=permerror (").contains("header.d=" + SIGNED + " header.s=s2");
    }

    @Test
    @Order(4)
    void dmarcRejectQuarantineAndSampling() throws Exception {
        // The envelope domain passes SPF, but is not the From domain: DMARC fails for want of alignment.
        String rejected = sendFrom127002("bounce@relay.example", inbox, raw("boss@reject.example", "dmarc reject"));
        assertThat(rejected).startsWith("550 5.7.1 DMARC policy of reject.example rejects this message");

        assertThat(sendFrom127002("bounce@relay.example", inbox, raw("boss@quarantine.example", "dmarc quarantine"))).startsWith("250");
        assertThat(sendFrom127002("bounce@relay.example", inbox, raw("boss@sampled.example", "dmarc sampled out"))).startsWith("250");
        assertThat(sendFrom127002("bounce@relay.example", inbox, raw("news@relay.example", "dmarc aligned spf"))).startsWith("250");
        assertThat(sendFrom127002("bounce@relay.example", inbox, raw("boss@broken.example", "dmarc broken record"))).startsWith("250");

        assertThat(authenticationResults(inbox, "Junk", "dmarc quarantine", 1).get(0))
            .contains("spf=pass smtp.mailfrom=relay.example").contains("dkim=none")
            .contains("dmarc=fail (p=quarantine dis=quarantine) header.from=quarantine.example");
        // pct=0: p=reject applies to no message; those left out get the next less strict policy, quarantine.
        assertThat(authenticationResults(inbox, "Junk", "dmarc sampled out", 1).get(0))
            .contains("dmarc=fail (p=reject dis=quarantine) header.from=sampled.example");
        assertThat(authenticationResults(inbox, "INBOX", "dmarc aligned spf", 1).get(0))
            .contains("dmarc=pass (p=reject dis=none) header.from=relay.example");
        assertThat(authenticationResults(inbox, "INBOX", "dmarc broken record", 1).get(0))
            .contains("dmarc=permerror (invalid DMARC record: p=sometimes is not none, quarantine or reject) header.from=broken.example");
    }

    @Test
    @Order(5)
    void badKeysAndSelectorsAreRefusedWithTheField() throws Exception {
        assertRefused("/dkim/" + SIGNED + "/keys", "{\"selector\": \"bad selector\"}", 400, "selector: 'bad selector' is not a DNS label");
        assertRefused("/dkim/" + SIGNED + "/keys", "{\"selector\": \"s9\", \"privateKey\": \"-----BEGIN PRIVATE KEY-----\\nbm90IGEga2V5\\n-----END PRIVATE KEY-----\"}",
            400, "privateKey: is not a PKCS#8 RSA private key");
        assertRefused("/dkim/" + SIGNED + "/keys", "{\"algorithm\": \"ed25519\"}", 400, "algorithm: 'ed25519' is not supported");
        assertRefused("/dkim/" + SIGNED + "/keys", "{\"bits\": 512}", 400, "bits: 512 is not a key size from 1024 to 4096");
        assertRefused("/dkim/" + SIGNED + "/keys", "{\"size\": 2048}", 400, "size: unknown field");
        assertRefused("/dkim/" + SIGNED + "/keys", "{\"selector\": \"s1\"}", 409, "selector: s1 already has a key for " + SIGNED);
        assertRefused("/dkim/unknown.example/keys", "{}", 404, "domain: unknown.example is not a domain of this server");
        assertThat(server.webAdmin().get("/dkim/" + SIGNED + "/keys/nope").statusCode()).isEqualTo(404);
        assertThat(server.webAdmin().post("/dkim/" + SIGNED + "/keys/s1?action=explode", "").statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(server.webAdmin().get("/dkim/" + SIGNED + "/keys").body()).findValuesAsText("selector")).containsExactly("s1", "s2");
    }

    @Test
    @Order(6)
    void theConsoleManagesKeysToo() throws Exception {
        String password = Files.readString(server.distribution().home().resolve("var/console-initial-password")).strip();
        try (ConsoleClient console = ConsoleClient.loggedIn(server.console, password)) {
            ConsoleClient.Reply added = console.send("DKIM ADD DOMAIN=" + SIGNED + " SELECTOR=console BITS=1024 ACTIVATE=NO");
            assertThat(added.ok()).as(added.all()).isTrue();
            assertThat(added.lines()).anyMatch(line -> line.startsWith("dns name: console._domainkey." + SIGNED))
                .anyMatch(line -> line.startsWith("dns record: v=DKIM1; k=rsa; p="));
            assertThat(console.send("DKIM LIST DOMAIN=" + SIGNED).lines()).anyMatch(line -> line.startsWith("* s2 rsa 2048"))
                .anyMatch(line -> line.startsWith("  console rsa 1024"));
            assertThat(console.send("DKIM ACTIVATE DOMAIN=" + SIGNED + " SELECTOR=console").ok()).isTrue();
            assertThat(console.send("DKIM SHOW DOMAIN=" + SIGNED + " SELECTOR=console").lines()).contains("active: YES");
            assertThat(console.send("DKIM DEL DOMAIN=" + SIGNED + " SELECTOR=console").ok()).isTrue();
            assertThat(console.send("DKIM SHOW DOMAIN=" + SIGNED + " SELECTOR=console").status())
                .isEqualTo("ERR 404 SELECTOR: " + SIGNED + " has no key console");
            assertThat(console.send("DKIM ADD DOMAIN=" + SIGNED + " SELECTOR=-x").status()).startsWith("ERR 400 SELECTOR: '-x' is not a DNS label");
        }
        // The active key was deleted: mail of the domain now leaves unsigned.
        MailClients.submit(server, "alice@" + SIGNED, "secret",
            MailClients.message("alice@" + SIGNED, "bob@remote.example", "unsigned mail", "no key\r\n"));
        assertThat(awaitSink("unsigned mail").text()).doesNotContain("DKIM-Signature");
    }

    private static void assertRefused(String path, String body, int status, String message) throws Exception {
        HttpResponse<String> response = server.webAdmin().post(path, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.body()).contains(message);
    }

    private static SmtpSink.Received awaitSink(String subject) {
        return Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
            .until(() -> sink.received().stream().filter(mail -> mail.text().contains("Subject: " + subject + "\r\n")).findFirst(),
                java.util.Optional::isPresent)
            .orElseThrow();
    }

    private static String raw(String from, String subject) {
        return new String(MailClients.message(from, inbox, subject, "hello\r\n"), StandardCharsets.US_ASCII);
    }

    /** Over the MX port from 127.0.0.2 (outside the relaying network): the reply to the end of DATA. */
    private static String sendFrom127002(String sender, String recipient, String message) throws Exception {
        SMTPClient client = MailClients.mx(server, InetAddress.getByName("127.0.0.2"));
        try {
            assertThat(client.sendCommand("MAIL", "FROM:<" + sender + ">")).as(client.getReplyString()).isEqualTo(250);
            assertThat(client.addRecipient(recipient)).as(client.getReplyString()).isTrue();
            client.sendShortMessageData(message);
            return client.getReplyString().strip();
        } finally {
            client.disconnect();
        }
    }

    private static List<String> authenticationResults(String user, String folderName, String subject, int expected) throws Exception {
        try (Store store = MailClients.open(server, Protocol.IMAPS, user, "secret")) {
            // A SELECT made while a message is being stored can count it before it can be fetched (James reads the
            // message list and the count one after the other): that poll fails, the next one sees the message.
            return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .ignoreExceptionsInstanceOf(jakarta.mail.MessagingException.class)
                .until(() -> headersOf(store, folderName, subject), found -> found.size() >= expected);
        }
    }

    private static List<String> headersOf(Store store, String folderName, String subject) throws Exception {
        Folder folder = store.getFolder(folderName);
        if (!folder.exists()) {
            return List.of();
        }
        folder.open(Folder.READ_ONLY);
        try {
            List<String> headers = new java.util.ArrayList<>();
            for (Message message : folder.getMessages()) {
                String[] values = message.getHeader("Authentication-Results");
                if (subject.equals(message.getSubject()) && values != null) {
                    headers.add(values[0].replaceAll("\\s+", " "));
                }
            }
            return headers;
        } finally {
            folder.close(false);
        }
    }

    /** dkimpy's verdict, "True" or "False", with the key record handed to it in place of DNS. */
    private static String dkimpy(byte[] message, String record) throws Exception {
        Path file = Files.createTempFile("signed", ".eml");
        try {
            Files.write(file, message);
            Process python = new ProcessBuilder(DEBIAN_PYTHON, "-c",
                "import sys, dkim\n"
                    + "message = open(sys.argv[1], 'rb').read()\n"
                    + "print(dkim.verify(message, dnsfunc=lambda name, timeout=5: sys.argv[2].encode()))\n",
                file.toString(), record)
                .redirectErrorStream(true).start();
            assertThat(python.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertThat(python.exitValue()).as(output).isZero();
            return output;
        } finally {
            Files.delete(file);
        }
    }

    private static void txt(String name, String text) throws Exception {
        // Split as a zone file would: DNS strings hold at most 255 characters.
        List<String> strings = new java.util.ArrayList<>();
        for (int start = 0; start < text.length(); start += 255) {
            strings.add(text.substring(start, Math.min(text.length(), start + 255)));
        }
        dns.add(new TXTRecord(Name.fromString(name + "."), DClass.IN, 3600, strings));
    }
}
