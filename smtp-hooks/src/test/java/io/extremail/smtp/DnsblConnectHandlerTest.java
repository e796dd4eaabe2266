package io.extremail.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.net.InetAddress;

import org.apache.commons.configuration2.XMLConfiguration;
import org.apache.commons.configuration2.io.FileHandler;
import org.junit.jupiter.api.Test;

class DnsblConnectHandlerTest {
    @Test
    void addressesAreReversedAsRfc5782Says() throws Exception {
        assertThat(DnsblConnectHandler.reversed(InetAddress.getByName("192.0.2.5"))).isEqualTo("5.2.0.192");
        assertThat(DnsblConnectHandler.reversed(InetAddress.getByName("2001:db8::1")))
            .isEqualTo("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2");
    }

    @Test
    void zonesAreReadWithTheirActionAndBadOnesNamed() throws Exception {
        DnsblConnectHandler handler = new DnsblConnectHandler(null);
        handler.init(xml("<handler><zone action=\"tag\">bl.example</zone><zone>zen.example</zone></handler>"));

        assertThatThrownBy(() -> new DnsblConnectHandler(null).init(xml("<handler><zone action=\"drop\">bl.example</zone></handler>")))
            .hasMessageContaining("<zone action>: 'drop' must be reject or tag");
        assertThatThrownBy(() -> new DnsblConnectHandler(null).init(xml("<handler><zone>not a zone</zone></handler>")))
            .hasMessageContaining("'not a zone' is not a DNS zone");
    }

    private static XMLConfiguration xml(String text) throws Exception {
        XMLConfiguration configuration = new XMLConfiguration();
        new FileHandler(configuration).load(new StringReader(text));
        return configuration;
    }
}
