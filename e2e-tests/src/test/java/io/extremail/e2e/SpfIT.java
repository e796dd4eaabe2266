package io.extremail.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Store;

import org.apache.commons.net.smtp.SMTPClient;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.TXTRecord;

import io.extremail.e2e.MailClients.Protocol;

/**
 * SPF of inbound mail at MAIL FROM (SpfHook of the shipped smtpserver.xml), against SPF records served by a DNS
 * server this test runs on loopback: fail is refused, softfail and pass are accepted with their Received-SPF,
 * a client allowed to relay is not checked.
 */
class SpfIT {
    private static final String ZONE = "spf-test.example";
    private static LoopbackDnsServer dnsServer;
    private static ServerUnderTest server;
    private static String domain;
    private static String rcpt;

    @BeforeAll
    static void startServer() throws Exception {
        dnsServer = new LoopbackDnsServer(ZONE);
        txt("pass." + ZONE, "v=spf1 ip4:127.0.0.2 -all");
        txt("fail." + ZONE, "v=spf1 ip4:192.0.2.1 -all");
        txt("soft." + ZONE, "v=spf1 ~all");
        server = ServerUnderTest.install("spf_it");
        server.distribution().edit("dnsservice.xml", "<autodiscover>true</autodiscover>",
            "<autodiscover>false</autodiscover>\n    <servers><server>127.0.0.1:" + dnsServer.port() + "</server></servers>");
        server.start();
        domain = MailFlowIT.uniqueDomain();
        rcpt = "inbox@" + domain;
        server.webAdmin().addDomain(domain);
        server.webAdmin().addUser(rcpt, "secret");
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
        if (dnsServer != null) {
            dnsServer.close();
        }
    }

    @Test
    void anSpfFailIsRefusedAtMailFrom() throws Exception {
        SMTPClient client = MailClients.mx(server, InetAddress.getByName("127.0.0.2"));
        try {
            assertThat(client.sendCommand("MAIL", "FROM:<someone@fail." + ZONE + ">")).isEqualTo(550);
            assertThat(client.getReplyString()).startsWith("550 5.7.23 SPF fail: someone@fail." + ZONE + " may not be sent from 127.0.0.2");
        } finally {
            client.disconnect();
        }
    }

    @Test
    void passAndSoftfailAreAcceptedWithTheirReceivedSpf() throws Exception {
        send("127.0.0.2", "someone@pass." + ZONE, "spf pass");
        send("127.0.0.2", "someone@soft." + ZONE, "spf softfail");
        send("127.0.0.1", "someone@fail." + ZONE, "from the relaying network");

        assertThat(receivedSpf("spf pass")).startsWith("pass");
        assertThat(receivedSpf("spf softfail")).startsWith("softfail");
        assertThat(receivedSpf("from the relaying network")).isNull();
    }

    private static void send(String from, String sender, String subject) throws Exception {
        SMTPClient client = MailClients.mx(server, InetAddress.getByName(from));
        try {
            assertThat(client.sendCommand("MAIL", "FROM:<" + sender + ">")).as(client.getReplyString()).isEqualTo(250);
            assertThat(client.addRecipient(rcpt)).as(client.getReplyString()).isTrue();
            assertThat(client.sendShortMessageData(new String(MailClients.message(sender, rcpt, subject, "hello\r\n"),
                java.nio.charset.StandardCharsets.US_ASCII))).as(client.getReplyString()).isTrue();
        } finally {
            client.disconnect();
        }
    }

    private static String receivedSpf(String subject) throws Exception {
        try (Store store = MailClients.open(server, Protocol.IMAPS, rcpt, "secret")) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> MailClients.messageCount(store) > 0
                && MailClients.subjects(store).contains(subject));
            Folder inbox = MailClients.inbox(store);
            try {
                for (Message message : inbox.getMessages()) {
                    if (subject.equals(message.getSubject())) {
                        String[] header = message.getHeader("Received-SPF");
                        return header == null ? null : header[0].strip();
                    }
                }
                return null;
            } finally {
                inbox.close(false);
            }
        }
    }

    private static void txt(String name, String text) throws Exception {
        dnsServer.add(new TXTRecord(Name.fromString(name + "."), DClass.IN, 3600, text));
    }
}
