package io.extremail.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;

import org.apache.commons.net.smtp.SMTPClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;

/**
 * DNS blocklists at connect (DnsblConnectHandler of the shipped smtpserver.xml, a zone configured): a client listed in
 * a test zone served on loopback is refused with 554 instead of the greeting; others are greeted.
 */
class DnsblIT {
    private static final String ZONE = "dnsbl-test.example";
    private static LoopbackDnsServer dnsServer;
    private static ServerUnderTest server;

    @BeforeAll
    static void startServer() throws Exception {
        dnsServer = new LoopbackDnsServer(ZONE);
        dnsServer.add(new ARecord(Name.fromString("5.0.0.127." + ZONE + "."), DClass.IN, 300, InetAddress.getByName("127.0.0.2")));
        server = ServerUnderTest.install("dnsbl_it");
        server.distribution().edit("dnsservice.xml", "<autodiscover>true</autodiscover>",
            "<autodiscover>false</autodiscover>\n    <servers><server>127.0.0.1:" + dnsServer.port() + "</server></servers>");
        server.distribution().edit("smtpserver.xml", "<handler class=\"io.extremail.smtp.DnsblConnectHandler\"/>",
            "<handler class=\"io.extremail.smtp.DnsblConnectHandler\"><zone action=\"reject\">" + ZONE + "</zone></handler>");
        server.start();
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
    void aListedClientIsRefusedAtConnectAndOthersAreGreeted() throws Exception {
        assertThat(banner("127.0.0.5")).startsWith("554 5.7.1 127.0.0.5 is listed in " + ZONE + " (127.0.0.2)");
        assertThat(banner("127.0.0.6")).startsWith("220");
    }

    private static String banner(String from) throws Exception {
        SMTPClient client = new SMTPClient();
        client.setConnectTimeout(10_000);
        client.connect(InetAddress.getLoopbackAddress(), server.smtp, InetAddress.getByName(from), 0);
        try {
            return client.getReplyString();
        } finally {
            client.disconnect();
        }
    }
}
