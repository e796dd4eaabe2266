package io.extremail.mailets.forward;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.james.core.MailAddress;
import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RewriteForwardedSenderTest {
    private final FakeMailContext context = FakeMailContext.defaultContext();
    private final RememberOriginalRecipients remember = new RememberOriginalRecipients();
    private final RewriteForwardedSender rewrite = new RewriteForwardedSender();

    @BeforeEach
    void init() throws Exception {
        remember.init(FakeMailetConfig.builder().mailetName("remember").mailetContext(context).build());
        rewrite.init(FakeMailetConfig.builder().mailetName("rewrite").mailetContext(context).build());
    }

    @Test
    void forwardOffSiteLeavesWithTheForwarderAsSender() throws Exception {
        Mail mail = mail("someone@outside.example", "fwd@localhost");
        remember.service(mail);
        mail.setRecipients(java.util.List.of(new MailAddress("away@remote.example"))); // what RecipientRewriteTable does
        mail.setState("relay");

        rewrite.service(mail);

        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
        FakeMailContext.SentMail sent = context.getSentMails().get(0);
        assertThat(sent.getSender()).isEqualTo(new MailAddress("fwd@localhost"));
        assertThat(sent.getRecipients()).containsExactly(new MailAddress("away@remote.example"));
        assertThat(sent.getState()).isEqualTo("relay");
        assertThat(sent.getMsg().getHeader(RewriteForwardedSender.FORWARDED_FOR_HEADER)).containsExactly("someone@outside.example");
    }

    @Test
    void mailRelayedAsSentKeepsItsSender() throws Exception {
        Mail mail = mail("app@outside.example", "friend@remote.example");
        remember.service(mail);
        mail.setState("relay");

        rewrite.service(mail);

        assertThat(mail.getState()).isEqualTo("relay");
        assertThat(mail.getMaybeSender().get()).isEqualTo(new MailAddress("app@outside.example"));
        assertThat(context.getSentMails()).isEmpty();
    }

    @Test
    void localSenderIsKept() throws Exception {
        Mail mail = mail("user@localhost", "fwd@localhost");
        remember.service(mail);
        mail.setRecipients(java.util.List.of(new MailAddress("away@remote.example")));

        rewrite.service(mail);

        assertThat(context.getSentMails()).isEmpty();
    }

    private static Mail mail(String sender, String recipient) throws Exception {
        return FakeMail.builder().name("m").sender(sender).recipient(recipient)
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().setSubject("fw").setText("body")).build();
    }
}
