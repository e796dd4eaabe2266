package io.extremail.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.james.transport.mailets.delivery.MailStore;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.Test;

import reactor.core.publisher.Mono;

class ExactlyOnceLocalDeliveryTest {
    private final List<MailAddress> stored = new CopyOnWriteArrayList<>();

    @Test
    void aDeliveredMailIsConsumed() throws Exception {
        Mail mail = mailTo("alice@example.com", "bob@example.com");

        mailet(new FailingFor(null), "error").service(mail);

        assertThat(stored).extracting(MailAddress::asString).containsExactly("alice@example.com", "bob@example.com");
        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
    }

    @Test
    void aStoreFailureReachesTheMailetContainerWithOnlyTheRecipientsNotServed() throws Exception {
        Mail mail = mailTo("alice@example.com", "bob@example.com", "carol@example.com");

        assertThatThrownBy(() -> mailet(new FailingFor("bob@example.com"), "error").service(mail))
            .hasStackTraceContaining("No node was available");

        assertThat(stored).extracting(MailAddress::asString).containsExactly("alice@example.com");
        assertThat(mail.getRecipients()).extracting(MailAddress::asString).containsExactly("bob@example.com", "carol@example.com");
        assertThat(mail.getState()).isNotEqualTo(Mail.GHOST);
    }

    @Test
    void ignoreDropsTheRecipientsThatFailed() throws Exception {
        Mail mail = mailTo("alice@example.com", "bob@example.com", "carol@example.com");

        mailet(new FailingFor("bob@example.com"), "ignore").service(mail);

        assertThat(stored).extracting(MailAddress::asString).containsExactly("alice@example.com", "carol@example.com");
        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
    }

    @Test
    void negativeRetriesAreRefusedNamingTheParameter() {
        FakeMailetConfig config = FakeMailetConfig.builder().mailetName("LocalDelivery")
            .mailetContext(FakeMailContext.defaultContext()).setProperty("retries", "-1").build();

        assertThatThrownBy(() -> new StoringTo(new FailingFor(null)).init(config))
            .isInstanceOf(MessagingException.class).hasMessageContaining("retries");
    }

    private ExactlyOnceLocalDelivery mailet(MailStore store, String onMailetException) throws MessagingException {
        ExactlyOnceLocalDelivery mailet = new StoringTo(store);
        mailet.init(FakeMailetConfig.builder().mailetName("LocalDelivery").mailetContext(FakeMailContext.defaultContext())
            .setProperty("onMailetException", onMailetException).setProperty("retries", "0").build());
        return mailet;
    }

    private static Mail mailTo(String... recipients) throws Exception {
        return FakeMail.builder().name("Mail1700000000000-1").sender("sender@example.org").recipients(recipients)
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().setSubject("hello").setText("body")).build();
    }

    /** The mailet on a given store instead of the mailboxes. */
    private static final class StoringTo extends ExactlyOnceLocalDelivery {
        private final MailStore store;

        StoringTo(MailStore store) {
            super(null, null, null, null, null);
            this.store = store;
        }

        @Override
        MailStore mailStore() {
            return store;
        }
    }

    /** Stores for every recipient but one, whose store fails as during a Cassandra outage. */
    private final class FailingFor implements MailStore {
        private final String failing;

        FailingFor(String failing) {
            this.failing = failing;
        }

        @Override
        public Mono<Void> storeMail(MailAddress recipient, Mail mail) {
            if (recipient.asString().equals(failing)) {
                return Mono.error(new IllegalStateException("No node was available to execute the query"));
            }
            return Mono.fromRunnable(() -> stored.add(recipient));
        }
    }
}
