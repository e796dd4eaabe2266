package io.extremail.mailets.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.Domain;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.FailException;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.extremail.dkim.DkimKey;
import io.extremail.dkim.DkimKeyStore;
import io.extremail.dkim.DkimKeys;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

class DkimSignTest {
    private static final String MESSAGE = "From: Alice <alice@example.com>\r\n"
        + "To: bob@example.org\r\n"
        + "Subject:   signed   subject\r\n"
        + "Date: Wed, 25 Nov 2026 10:00:00 +0000\r\n"
        + "Message-ID: <1@example.com>\r\n"
        + "MIME-Version: 1.0\r\n"
        + "Content-Type: text/plain; charset=us-ascii\r\n"
        + "\r\n"
        + "Hello Bob,  \r\n"
        + "this is signed.\r\n"
        + "\r\n\r\n";

    private final MemoryKeys keys = new MemoryKeys();
    private DkimKey key;
    private DkimSign mailet;

    @BeforeEach
    void setUp() throws MessagingException {
        key = new DkimKeys(Clock.systemUTC()).generate(Domain.of("example.com"), "s1", 2048);
        keys.add(key).block();
        keys.activate(key.domain(), key.selector()).block();
        mailet = new DkimSign(keys);
        mailet.init(FakeMailetConfig.builder().mailetName("DkimSign").build());
    }

    @Test
    void aMessageFromADomainWithAKeyIsSignedAndVerifies() throws Exception {
        Mail mail = mail(MESSAGE);

        mailet.service(mail);

        byte[] signed = bytes(mail.getMessage());
        assertThat(new String(signed)).startsWith("DKIM-Signature: ").contains("a=rsa-sha256;\r\n\t").contains("d=example.com;");
        List<SignatureRecord> verified = verifier().verify(new ByteArrayInputStream(signed));
        assertThat(verified).hasSize(1);
        assertThat(verified.get(0).getDToken()).hasToString("example.com");
        assertThat(verified.get(0).getSelector()).hasToString("s1");
    }

    @Test
    void aChangedBodyNoLongerVerifies() throws Exception {
        Mail mail = mail(MESSAGE);
        mailet.service(mail);

        String tampered = new String(bytes(mail.getMessage())).replace("this is signed.", "this is changed.");

        assertThatThrownBy(() -> verifier().verify(new ByteArrayInputStream(tampered.getBytes())))
            .isInstanceOf(FailException.class).hasMessageContaining("bodyhash");
    }

    @Test
    void aMessageFromADomainWithoutAKeyIsLeftAlone() throws Exception {
        Mail mail = mail(MESSAGE.replace("alice@example.com", "alice@other.example"));

        mailet.service(mail);

        assertThat(mail.getMessage().getHeader("DKIM-Signature")).isNull();
    }

    @Test
    void signedHeadersMustIncludeFrom() {
        DkimSign withoutFrom = new DkimSign(keys);
        assertThatThrownBy(() -> withoutFrom.init(FakeMailetConfig.builder().mailetName("DkimSign")
            .setProperty("signedHeaders", "to:subject").build()))
            .hasMessage("DkimSign <signedHeaders>: must include from (RFC 6376 section 5.4)");
    }

    private DKIMVerifier verifier() {
        return new DKIMVerifier((method, selector, domain) -> List.of(key.dnsRecord()));
    }

    private static Mail mail(String message) throws MessagingException {
        return FakeMail.builder().name("mail1")
            .mimeMessage(new MimeMessage(null, new ByteArrayInputStream(message.getBytes())))
            .build();
    }

    private static byte[] bytes(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }

    private static class MemoryKeys implements DkimKeyStore {
        private final Map<String, DkimKey> keys = new ConcurrentHashMap<>();
        private final Map<Domain, String> active = new ConcurrentHashMap<>();

        @Override
        public Mono<Void> add(DkimKey key) {
            return Mono.fromRunnable(() -> keys.put(key.domain().asString() + "/" + key.selector(), key));
        }

        @Override
        public Flux<DkimKey> keys(Domain domain) {
            return Flux.fromStream(keys.values().stream().filter(key -> key.domain().equals(domain)));
        }

        @Override
        public Mono<DkimKey> key(Domain domain, String selector) {
            return Mono.justOrEmpty(keys.get(domain.asString() + "/" + selector));
        }

        @Override
        public Mono<String> activeSelector(Domain domain) {
            return Mono.justOrEmpty(active.get(domain));
        }

        @Override
        public Mono<Void> activate(Domain domain, String selector) {
            return Mono.fromRunnable(() -> active.put(domain, selector));
        }

        @Override
        public Mono<Boolean> remove(Domain domain, String selector) {
            return Mono.fromCallable(() -> keys.remove(domain.asString() + "/" + selector) != null);
        }
    }
}
