package io.extremail.matchers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMatcherConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.datastax.oss.driver.api.core.NoNodeAvailableException;

class IsStorageUnavailableTest {
    private final IsStorageUnavailable matcher = new IsStorageUnavailable();
    private MailAddress recipient;

    @BeforeEach
    void setUp() throws Exception {
        matcher.init(FakeMatcherConfig.builder().matcherName("IsStorageUnavailable").build());
        recipient = new MailAddress("ann@example.com");
    }

    @Test
    void aCassandraOutageAnywhereInTheCausesMatches() throws Exception {
        Mail mail = failedWith(new MessagingException("store failed", new RuntimeException("wrapped", new NoNodeAvailableException())));

        assertThat(matcher.match(mail)).containsExactly(recipient);
    }

    @Test
    void anOtherFailureDoesNotMatch() throws Exception {
        Mail mail = failedWith(new MessagingException("Invalid address"));

        assertThat(matcher.match(mail)).isEmpty();
    }

    @Test
    void withoutTheExceptionTheErrorMessageIsRead() throws Exception {
        Mail mail = FakeMail.builder().name("m").recipient(recipient).build();
        mail.setErrorMessage("Exception calling RecipientRewriteTable: No node was available to execute the query");

        assertThat(matcher.match(mail)).containsExactly(recipient);
    }

    private Mail failedWith(Exception error) throws Exception {
        Mail mail = FakeMail.builder().name("m").recipients(List.of(recipient)).build();
        mail.setAttribute(new Attribute(Mail.MAILET_ERROR, AttributeValue.ofUnserializable(error)));
        return mail;
    }
}
