package io.extremail.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

import org.apache.james.core.Domain;
import org.junit.jupiter.api.Test;

class DkimKeysTest {
    private static final Domain DOMAIN = Domain.of("example.com");
    private final DkimKeys keys = new DkimKeys(Clock.fixed(Instant.parse("2026-11-25T10:15:30Z"), ZoneOffset.UTC));

    @Test
    void aGeneratedKeyPublishesItsPublicHalf() {
        DkimKey key = keys.generate(DOMAIN, "s1", 2048);

        assertThat(key.bits()).isEqualTo(2048);
        assertThat(key.dnsName()).isEqualTo("s1._domainkey.example.com");
        assertThat(key.dnsRecord()).startsWith("v=DKIM1; k=rsa; p=").endsWith(Base64.getEncoder().encodeToString(key.publicKey()));
        assertThat(key.signingKey().getAlgorithm()).isEqualTo("RSA");
        // A 2048-bit key's record is longer than one DNS string: the zone line splits it.
        assertThat(key.zoneFileLine()).startsWith("s1._domainkey.example.com. IN TXT ( \"v=DKIM1; k=rsa; p=").contains("\" \"").endsWith("\" )");
    }

    @Test
    void aKeyReadFromPemIsTheSameKey() {
        DkimKey generated = keys.generate(DOMAIN, "s1", 1024);
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(generated.privateKey()) + "\n-----END PRIVATE KEY-----\n";

        DkimKey read = keys.fromPem(DOMAIN, "moved", pem);

        assertThat(read.publicKey()).isEqualTo(generated.publicKey());
        assertThat(read.bits()).isEqualTo(1024);
    }

    @Test
    void badKeysAndSelectorsNameTheField() {
        assertThatThrownBy(() -> keys.fromPem(DOMAIN, "s1", "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----"))
            .isInstanceOf(InvalidDkimKeyException.class).hasMessageStartingWith("privateKey: is not a PKCS#8 RSA private key");
        assertThatThrownBy(() -> keys.fromPem(DOMAIN, "s1", "*** not base64 ***"))
            .hasMessageStartingWith("privateKey: is not PEM");
        assertThatThrownBy(() -> keys.fromPem(DOMAIN, "s1", "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----"))
            .hasMessageStartingWith("privateKey: PKCS#1 keys");
        assertThatThrownBy(() -> keys.generate(DOMAIN, "bad selector", 2048)).hasMessageStartingWith("selector: 'bad selector' is not a DNS label");
        assertThatThrownBy(() -> keys.generate(DOMAIN, "-s1", 2048)).hasMessageStartingWith("selector:");
        assertThatThrownBy(() -> keys.generate(DOMAIN, "s1", 512)).hasMessage("bits: 512 is not a key size from 1024 to 4096");
    }

    @Test
    void newSelectorsNameTheirTime() {
        assertThat(keys.newSelector()).isEqualTo("x20261125T101530");
        DkimKeys.checkSelector(keys.newSelector());
        DkimKeys.checkSelector("mail.2026");
    }
}
