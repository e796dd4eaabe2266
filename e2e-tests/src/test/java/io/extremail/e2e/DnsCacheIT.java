package io.extremail.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;

/**
 * The DNS cache of remote delivery, shown and flushed from the console and WebAdmin. The domain is served by a DNS
 * server this test runs on loopback (no real internet name): its MX points to 127.0.0.12, where nothing listens, so
 * the message stays queued after the lookups.
 */
class DnsCacheIT {
    private static final String ZONE = "dns-test.example";
    private static LoopbackDnsServer dnsServer;
    private static ServerUnderTest server;
    private static String password;

    @BeforeAll
    static void startServer() throws Exception {
        dnsServer = new LoopbackDnsServer(ZONE);
        dnsServer.add(new MXRecord(Name.fromString(ZONE + "."), DClass.IN, 3600, 10, Name.fromString("mx." + ZONE + ".")));
        dnsServer.add(new ARecord(Name.fromString("mx." + ZONE + "."), DClass.IN, 3600, InetAddress.getByName("127.0.0.12")));
        server = ServerUnderTest.install("dns_it");
        server.distribution().edit("dnsservice.xml", "<autodiscover>true</autodiscover>",
            "<autodiscover>false</autodiscover>\n    <servers><server>127.0.0.1:" + dnsServer.port() + "</server></servers>");
        server.start();
        password = Files.readString(server.distribution().home().resolve("var/console-initial-password")).strip();
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
    void answersOfADeliveryAttemptAreShownWithTheirTtlAndFlushed() throws Exception {
        String domain = MailFlowIT.uniqueDomain();
        String sender = "sender@" + domain;
        server.webAdmin().addDomain(domain);
        server.webAdmin().addUser(sender, "secret");

        MailClients.submit(server, sender, "secret", MailClients.message(sender, "someone@" + ZONE, "to the test zone", "hello\r\n"));
        MailClients.submit(server, sender, "secret", MailClients.message(sender, "someone@missing." + ZONE, "to nowhere", "hello\r\n"));

        try (ConsoleClient console = ConsoleClient.loggedIn(server.console, password)) {
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                String shown = console.send("DNS CACHE SHOW DOMAIN=" + ZONE).all();
                return shown.contains("mx." + ZONE + ". A 127.0.0.12") && shown.contains("missing." + ZONE + ".");
            });
            ConsoleClient.Reply shown = console.send("DNS CACHE SHOW DOMAIN=" + ZONE);
            assertThat(shown.lines()).anyMatch(line -> line.matches("dns-test\\.example\\. MX 10 mx\\.dns-test\\.example\\. ttl=\\d+s"))
                .anyMatch(line -> line.matches("mx\\.dns-test\\.example\\. A 127\\.0\\.0\\.12 ttl=3[56]\\d\\ds"))
                .anyMatch(line -> line.matches("missing\\.dns-test\\.example\\. \\w+ NXDOMAIN ttl=[56]\\d\\ds"));
            // The TTLs count down between the two reads: compare without them.
            assertThat(withoutTtl(console.send("DNS CACHE SHOW ALL").lines())).containsAll(withoutTtl(shown.lines()));
            assertThat(console.send("DNS CACHE SHOW").status()).startsWith("ERR 400 DOMAIN: give DOMAIN=<domain>, or ALL");
            assertThat(server.webAdmin().get("/dns/cache?domain=" + ZONE).body())
                .contains("\"name\":\"mx." + ZONE + ".\"", "\"type\":\"A\"", "\"values\":[\"127.0.0.12\"]", "\"negative\":true");

            int queriesBefore = dnsServer.queries();
            assertThat(console.send("DNS CACHE FLUSH DOMAIN=" + ZONE).status()).matches("OK [1-9]\\d* cached answer\\(s\\) flushed for " + ZONE);
            assertThat(console.send("DNS CACHE SHOW DOMAIN=" + ZONE).status()).isEqualTo("OK 0 cached record(s)");
            assertThat(server.webAdmin().get("/dns/cache?domain=" + ZONE).body()).isEqualTo("[]");

            // Flushed means asked again: a retry of the queued message queries the DNS server anew.
            assertThat(console.send("QUEUE FLUSH").ok()).isTrue();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> dnsServer.queries() > queriesBefore);
            assertThat(server.webAdmin().delete("/dns/cache").body()).matches("\\{\"flushed\":\\d+}");
            assertThat(server.webAdmin().get("/dns/cache?domain=bad!domain").statusCode()).isEqualTo(400);
        }
    }

    private static List<String> withoutTtl(List<String> lines) {
        return lines.stream().map(line -> line.replaceFirst(" ttl=\\d+s$", "")).toList();
    }
}
