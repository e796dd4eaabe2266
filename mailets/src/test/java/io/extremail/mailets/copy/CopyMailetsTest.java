package io.extremail.mailets.copy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.Test;

import io.extremail.copy.MailCopy;
import io.extremail.copy.MailCopyStore;
import reactor.core.publisher.Mono;

class CopyMailetsTest {
    private final Map<Username, MailCopy> configured = new ConcurrentHashMap<>();
    private final MailCopyStore store = new MailCopyStore() {
        @Override
        public Mono<MailCopy> of(Username user) {
            return Mono.justOrEmpty(configured.get(user));
        }

        @Override
        public Mono<Void> set(Username user, MailCopy copy) {
            return Mono.fromRunnable(() -> configured.put(user, copy));
        }

        @Override
        public Mono<Boolean> remove(Username user) {
            return Mono.fromCallable(() -> configured.remove(user) != null);
        }
    };
    private final FakeMailContext context = FakeMailContext.defaultContext();

    @Test
    void receivedMailIsCopiedOncePerTargetAndMarked() throws Exception {
        configured.put(Username.of("ann@local.example"), new MailCopy(new MailAddress("archive@remote.example"), false));
        configured.put(Username.of("bob@local.example"), new MailCopy(new MailAddress("archive@remote.example"), false));
        CopyReceivedMail mailet = new CopyReceivedMail(store);
        mailet.init(FakeMailetConfig.builder().mailetName("CopyReceivedMail").mailetContext(context).build());

        mailet.service(mail("sender@remote.example", "ann@local.example", "bob@local.example"));

        assertThat(context.getSentMails()).hasSize(1);
        FakeMailContext.SentMail copy = context.getSentMails().get(0);
        assertThat(copy.getRecipients()).containsExactly(new MailAddress("archive@remote.example"));
        assertThat(copy.getSender()).isEqualTo(new MailAddress("sender@remote.example"));
        assertThat(copy.getMsg().getHeader("X-Extremail-Copy-Of")).containsExactly("ann@local.example");
    }

    @Test
    void aCopyIsNeverCopiedAgain() throws Exception {
        configured.put(Username.of("ann@local.example"), new MailCopy(new MailAddress("bob@local.example"), false));
        CopyReceivedMail mailet = new CopyReceivedMail(store);
        mailet.init(FakeMailetConfig.builder().mailetName("CopyReceivedMail").mailetContext(context).build());
        Mail alreadyACopy = mail("sender@remote.example", "ann@local.example");
        alreadyACopy.setAttribute(new Attribute(CopyDispatcher.COPY_OF, AttributeValue.of("bob@local.example")));

        mailet.service(alreadyACopy);

        assertThat(context.getSentMails()).isEmpty();
    }

    @Test
    void sentMailIsCopiedOnlyWhenIncluded() throws Exception {
        configured.put(Username.of("ann@local.example"), new MailCopy(new MailAddress("archive@remote.example"), true));
        configured.put(Username.of("bob@local.example"), new MailCopy(new MailAddress("archive@remote.example"), false));
        CopySentMail mailet = new CopySentMail(store);
        mailet.init(FakeMailetConfig.builder().mailetName("CopySentMail").mailetContext(context).build());

        mailet.service(authenticated("ann@local.example"));
        mailet.service(authenticated("bob@local.example"));
        mailet.service(mail("ann@local.example", "friend@remote.example"));

        assertThat(context.getSentMails()).hasSize(1);
        assertThat(context.getSentMails().get(0).getMsg().getHeader("X-Extremail-Copy-Of")).containsExactly("ann@local.example");
    }

    private static Mail authenticated(String user) throws Exception {
        Mail mail = mail(user, "friend@remote.example");
        mail.setAttribute(new Attribute(Mail.SMTP_AUTH_USER, AttributeValue.of(user)));
        return mail;
    }

    private static Mail mail(String sender, String... recipients) throws Exception {
        return FakeMail.builder().name("m").sender(sender).recipients(recipients)
            .mimeMessage(org.apache.james.core.builder.MimeMessageBuilder.mimeMessageBuilder().setSubject("hi").setText("body"))
            .build();
    }
}
