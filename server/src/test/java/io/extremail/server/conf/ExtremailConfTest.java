package io.extremail.server.conf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.tree.ImmutableNode;
import org.apache.james.server.core.configuration.FileConfigurationProvider;
import org.junit.jupiter.api.Test;

import io.extremail.server.InvalidConfigurationException;

class ExtremailConfTest {
    private static final Path CONF = Path.of("..", "conf");

    @Test
    void badLinesAreReportedWithTheirNumber() {
        assertThatThrownBy(() -> ExtremailConf.parse(List.of("# comment", "", "ThreadsSMTP=abc")))
            .isInstanceOf(InvalidConfigurationException.class)
            .hasMessage("conf/eXtremail.conf:3: ThreadsSMTP: 'abc' is not a whole number from 1 to 256");
        assertThatThrownBy(() -> ExtremailConf.parse(List.of("MaxUsers = 3"))).hasMessageStartingWith("conf/eXtremail.conf:1: 'MaxUsers' is not a parameter");
        assertThatThrownBy(() -> ExtremailConf.parse(List.of("ThreadsSMTP 3"))).hasMessage("conf/eXtremail.conf:1: expected 'Name = value', found 'ThreadsSMTP 3'");
        assertThatThrownBy(() -> ExtremailConf.parse(List.of("LocalIP = 10.0.0.0/255.0.255.0"))).hasMessageContaining("255.0.255.0 is not a network mask");
        assertThatThrownBy(() -> ExtremailConf.parse(List.of("PortSMTP = 25", "portsmtp = 26"))).hasMessage("conf/eXtremail.conf:2: PortSMTP: already set on line 1");
    }

    @Test
    void valuesAreNormalized() {
        ExtremailConf conf = ExtremailConf.parse(List.of("localip = 192.168.0.0/255.255.0.0, 10.1.2.3", "MaxMailSizeIn = 25M",
            "DefaultQuota = 1g", "LogLevel = debug", "DNSServers = 192.0.2.53 192.0.2.54"));

        assertThat(conf.value(ExtremailParameter.LocalIP)).contains("192.168.0.0/16, 10.1.2.3/32");
        assertThat(conf.value(ExtremailParameter.MaxMailSizeIn)).contains("25600");
        assertThat(conf.value(ExtremailParameter.DefaultQuota)).contains(String.valueOf(1L << 30));
        assertThat(conf.value(ExtremailParameter.LogLevel)).contains("DEBUG");
        assertThat(conf.value(ExtremailParameter.DNSServers)).contains("192.0.2.53, 192.0.2.54");
    }

    @Test
    void parametersOverrideTheShippedXmlFiles() throws Exception {
        ExtremailConfigurationProvider provider = new ExtremailConfigurationProvider((component, level) -> null, ExtremailConf.parse(List.of(
            "ThreadsSMTP = 4", "LocalIP = 192.0.2.0/24", "PortSMTP = 2525", "MaxMailSizeIn = 100K", "MaxMailSizeOut = 1M",
            "ThreadsQueue = 7", "QueueRetryMinutes = 30", "QueueMaxRetries = 4", "DNSServers = 192.0.2.53", "PortIMAP = 1143")));

        HierarchicalConfiguration<ImmutableNode> smtp = shipped("smtpserver.xml");
        provider.apply("smtpserver", smtp);
        List<HierarchicalConfiguration<ImmutableNode>> listeners = smtp.configurationsAt("smtpserver");
        assertThat(listeners.get(0).getString("bind")).isEqualTo("0.0.0.0:2525");
        assertThat(listeners.get(0).getString("maxmessagesize")).isEqualTo("100");
        assertThat(listeners.get(1).getString("maxmessagesize")).isEqualTo("1024");
        assertThat(listeners).allSatisfy(listener -> {
            assertThat(listener.getString("ioWorkerCount")).isEqualTo("4");
            assertThat(listener.getString("authorizedAddresses")).isEqualTo("127.0.0.0/8, 192.0.2.0/24");
        });

        HierarchicalConfiguration<ImmutableNode> imap = shipped("imapserver.xml");
        provider.apply("imapserver", imap);
        assertThat(imap.configurationsAt("imapserver").get(0).getString("bind")).isEqualTo("0.0.0.0:1143");
        assertThat(imap.configurationsAt("imapserver").get(1).getString("bind")).isEqualTo("0.0.0.0:993");

        HierarchicalConfiguration<ImmutableNode> mailets = shipped("mailetcontainer.xml");
        provider.apply("mailetcontainer", mailets);
        HierarchicalConfiguration<ImmutableNode> remoteDelivery = mailets.configurationsAt("processors.processor").stream()
            .flatMap(processor -> processor.configurationsAt("mailet").stream())
            .filter(mailet -> mailet.getString("[@class]").equals("RemoteDelivery")).findFirst().orElseThrow();
        assertThat(remoteDelivery.getString("deliveryThreads")).isEqualTo("7");
        assertThat(remoteDelivery.getString("delayTime")).isEqualTo("30 minutes");
        assertThat(remoteDelivery.getString("maxRetries")).isEqualTo("4");

        HierarchicalConfiguration<ImmutableNode> dns = shipped("dnsservice.xml");
        provider.apply("dnsservice", dns);
        assertThat(dns.getBoolean("autodiscover")).isFalse();
        assertThat(dns.getStringArray("servers.server")).containsExactly("192.0.2.53");
    }

    private static HierarchicalConfiguration<ImmutableNode> shipped(String file) throws Exception {
        try (InputStream in = Files.newInputStream(CONF.resolve(file))) {
            return FileConfigurationProvider.getConfig(in);
        }
    }
}
