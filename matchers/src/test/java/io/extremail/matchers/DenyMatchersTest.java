package io.extremail.matchers;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Matcher;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMatcherConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.extremail.deny.DenyEntry;
import io.extremail.deny.DenyKind;
import io.extremail.deny.DenyList;

class DenyMatchersTest {
    private final DenyList denyList = new DenyList(InMemoryDenyListStore.with(
        DenyEntry.of(DenyKind.IPIN, "192.0.2.0/24"),
        DenyEntry.of(DenyKind.DOMAININ, ".spam.example"),
        DenyEntry.of(DenyKind.MAILBOXOUT, "boss@rival.example"),
        DenyEntry.of(DenyKind.IPOUT, "203.0.113.0/24")));

    @AfterEach
    void close() {
        denyList.close();
    }

    @Test
    void senderFromADeniedDomainMatchesEveryRecipient() throws Exception {
        Matcher matcher = init(new SenderIsDenied(denyList));

        assertThat(matcher.match(mail("bulk@mx.spam.example", "192.0.2.1"))).containsExactly(new MailAddress("user@localhost"));
        assertThat(matcher.match(mail("friend@ham.example", "198.51.100.1"))).isEmpty();
    }

    @Test
    void nullSenderNeverMatches() throws Exception {
        Matcher matcher = init(new SenderIsDenied(denyList));
        FakeMail bounce = FakeMail.builder().name("bounce").recipient("user@localhost").build();

        assertThat(matcher.match(bounce)).isEmpty();
    }

    @Test
    void deniedClientAddressMatches() throws Exception {
        Matcher matcher = init(new RemoteAddrIsDenied(denyList));

        assertThat(matcher.match(mail("a@ham.example", "192.0.2.200"))).hasSize(1);
        assertThat(matcher.match(mail("a@ham.example", "192.0.3.1"))).isEmpty();
    }

    @Test
    void onlyDeniedRemoteRecipientsMatch() throws Exception {
        Matcher matcher = init(new RecipientIsDenied(denyList));
        FakeMail mail = FakeMail.builder().name("out").sender("user@localhost")
            .recipients("boss@rival.example", "clerk@rival.example", "user@localhost").build();

        assertThat(matcher.match(mail)).containsExactly(new MailAddress("boss@rival.example"));
    }

    @Test
    void recipientWhoseMailServerIsDeniedMatchesWithTheRuleInTheErrorMessage() throws Exception {
        Matcher matcher = init(new RemoteServerIsDenied(denyList, new FakeDnsService()
            .mailServer("blocked.example", "203.0.113.25")
            .mailServer("open.example", "198.51.100.25")));
        FakeMail mail = FakeMail.builder().name("out").sender("user@localhost")
            .recipients("a@blocked.example", "b@open.example", "c@[203.0.113.7]", "user@localhost").build();

        assertThat(matcher.match(mail)).containsExactly(new MailAddress("a@blocked.example"), new MailAddress("c@[203.0.113.7]"));
        assertThat(mail.getErrorMessage()).contains("a@blocked.example: IPOUT 203.0.113.0/24 covers its mail server 203.0.113.25");
    }

    private static Matcher init(Matcher matcher) throws Exception {
        matcher.init(FakeMatcherConfig.builder().matcherName(matcher.getClass().getSimpleName())
            .mailetContext(FakeMailContext.defaultContext()).build());
        return matcher;
    }

    private static FakeMail mail(String sender, String remoteAddress) throws Exception {
        return FakeMail.builder().name("mail").sender(sender).recipient("user@localhost").remoteAddr(remoteAddress).build();
    }
}
