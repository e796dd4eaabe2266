package io.extremail.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeMultipart;

import org.apache.james.core.MailAddress;
import org.apache.james.util.ValuePatch;
import org.apache.james.vacation.api.AccountId;
import org.apache.james.vacation.api.VacationPatch;
import org.apache.james.vacation.memory.MemoryVacationRepository;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AutoresponderTest {
    private static final String GINA = "gina@example.com";
    private static final String HANK = "hank@example.org";
    private static final ZonedDateTime MONDAY = ZonedDateTime.of(2026, 11, 23, 9, 0, 0, 0, ZoneOffset.UTC);

    private final AtomicReference<ZonedDateTime> now = new AtomicReference<>(MONDAY);
    private final MemoryVacationRepository vacations = new MemoryVacationRepository();
    private final FakeMailContext context = FakeMailContext.defaultContext();
    private Autoresponder mailet;

    @BeforeEach
    void setUp() throws Exception {
        mailet = autoresponder(FakeMailetConfig.builder().mailetContext(context).build());
        away(GINA, VacationPatch.builder().isEnabled(true).subject("Out of office").textBody("Back on Monday."));
    }

    private Autoresponder autoresponder(FakeMailetConfig config) throws MessagingException {
        Autoresponder autoresponder = new Autoresponder(vacations,
            new InMemoryAutoresponderReplies(() -> now.get().toInstant()), now::get, html -> "text of " + html);
        autoresponder.init(config);
        return autoresponder;
    }

    private void away(String user, VacationPatch.Builder vacation) {
        vacations.modifyVacation(AccountId.fromString(user), vacation.build()).block();
    }

    @Test
    void answersTheEnvelopeSenderFromTheNullSender() throws Exception {
        mailet.service(mail(HANK, GINA, ""));

        assertThat(context.getSentMails()).singleElement().satisfies(sent -> {
            assertThat(sent.getSender().isNullSender()).isTrue();
            assertThat(sent.getRecipients()).containsExactly(new MailAddress(HANK));
        });
    }

    @Test
    void replyIsMarkedAutoRepliedAndThreadedUnderTheOriginal() throws Exception {
        mailet.service(mail(HANK, GINA, "References: <earlier@example.org>\r\n"));

        MimeMessage reply = onlyReply();
        assertThat(reply.getHeader("Auto-Submitted", null)).isEqualTo("auto-replied");
        assertThat(reply.getHeader("In-Reply-To", null)).isEqualTo("<question@example.org>");
        assertThat(reply.getHeader("References", null)).isEqualTo("<earlier@example.org> <question@example.org>");
        assertThat(reply.getHeader("From", null)).isEqualTo(GINA);
        assertThat(reply.getHeader("To", null)).isEqualTo(HANK);
        assertThat(reply.getSubject()).isEqualTo("Out of office");
        assertThat(reply.getContent()).isEqualTo("Back on Monday.");
    }

    @Test
    void replyGoesToTheEnvelopeSenderRatherThanReplyTo() throws Exception {
        mailet.service(mail(HANK, GINA, "Reply-To: list@example.net\r\n"));

        assertThat(onlyReply().getHeader("To", null)).isEqualTo(HANK);
    }

    @Test
    void withoutConfiguredSubjectTheReplyAnswersTheOriginalSubject() throws Exception {
        away(GINA, VacationPatch.builder().isEnabled(true).subject(ValuePatch.remove()).textBody("Away."));

        mailet.service(mail(HANK, GINA, ""));

        assertThat(onlyReply().getSubject()).isEqualTo("Re: question");
    }

    @Test
    void htmlBodyIsThePreferredAlternativeOfItsText() throws Exception {
        away(GINA, VacationPatch.builder().isEnabled(true).textBody(ValuePatch.remove()).htmlBody("<p>Away</p>"));

        mailet.service(mail(HANK, GINA, ""));

        MimeMessage reply = onlyReply();
        assertThat(reply.getContentType()).startsWith("multipart/alternative");
        MimeMultipart parts = (MimeMultipart) reply.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
        assertThat(parts.getBodyPart(0).getContent()).isEqualTo("text of <p>Away</p>");
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
        assertThat(parts.getBodyPart(1).getContent()).isEqualTo("<p>Away</p>");
    }

    @Test
    void noReplyToTheNullSender() throws Exception {
        mailet.service(FakeMail.builder().name("bounce").mimeMessage(message(HANK, GINA, ""))
            .sender(MailAddress.nullSender()).recipient(GINA).build());

        assertThat(context.getSentMails()).isEmpty();
    }

    @Test
    void noReplyToAutoGeneratedMail() throws Exception {
        mailet.service(mail(HANK, GINA, "Auto-Submitted: auto-generated\r\n"));

        assertThat(context.getSentMails()).isEmpty();
    }

    @Test
    void noReplyToAnotherAutoresponder() throws Exception {
        mailet.service(mail(HANK, GINA, "Auto-Submitted: auto-replied; owner-email=\"hank@example.org\"\r\n"));

        assertThat(context.getSentMails()).isEmpty();
    }

    @Test
    void autoSubmittedNoIsAPersonMail() throws Exception {
        mailet.service(mail(HANK, GINA, "Auto-Submitted: No (sent by hand)\r\n"));

        assertThat(context.getSentMails()).hasSize(1);
    }

    @Test
    void noReplyToBulkMail() throws Exception {
        mailet.service(mail(HANK, GINA, "Precedence: bulk\r\n"));

        assertThat(context.getSentMails()).isEmpty();
    }

    @Test
    void noReplyToListPrecedence() throws Exception {
        mailet.service(mail(HANK, GINA, "Precedence: LIST\r\n"));

        assertThat(context.getSentMails()).isEmpty();
    }

    @Test
    void noReplyToJunkPrecedence() throws Exception {
        mailet.service(mail(HANK, GINA, "Precedence: junk\r\n"));

        assertThat(context.getSentMails()).isEmpty();
    }

    @Test
    void otherPrecedencesAreAnswered() throws Exception {
        mailet.service(mail(HANK, GINA, "Precedence: first-class\r\n"));

        assertThat(context.getSentMails()).hasSize(1);
    }

    @Test
    void noReplyToMailingListMail() throws Exception {
        mailet.service(mail(HANK, GINA, "List-Id: Friends <friends.example.org>\r\n"));

        assertThat(context.getSentMails()).isEmpty();
    }

    @Test
    void noReplyToTheUserItself() throws Exception {
        mailet.service(mail("Gina@Example.com", GINA, ""));

        assertThat(context.getSentMails()).isEmpty();
    }

    @Test
    void noReplyWhenTheVacationIsDisabled() throws Exception {
        away(GINA, VacationPatch.builder().isEnabled(false));

        mailet.service(mail(HANK, GINA, ""));

        assertThat(context.getSentMails()).isEmpty();
    }

    @Test
    void noReplyForAUserWithoutVacation() throws Exception {
        mailet.service(mail(HANK, "ivan@example.com", ""));

        assertThat(context.getSentMails()).isEmpty();
    }

    @Test
    void noReplyBeforeTheStartDate() throws Exception {
        away(GINA, VacationPatch.builder().fromDate(MONDAY.plusDays(1)));

        mailet.service(mail(HANK, GINA, ""));

        assertThat(context.getSentMails()).isEmpty();
    }

    @Test
    void noReplyAfterTheEndDate() throws Exception {
        away(GINA, VacationPatch.builder().toDate(MONDAY.minusDays(1)));

        mailet.service(mail(HANK, GINA, ""));

        assertThat(context.getSentMails()).isEmpty();
    }

    @Test
    void repliesWithinTheDates() throws Exception {
        away(GINA, VacationPatch.builder().fromDate(MONDAY.minusDays(1)).toDate(MONDAY.plusDays(1)));

        mailet.service(mail(HANK, GINA, ""));

        assertThat(context.getSentMails()).hasSize(1);
    }

    @Test
    void oneReplyPerSenderWithinSevenDays() throws Exception {
        mailet.service(mail(HANK, GINA, ""));
        now.set(MONDAY.plusDays(6));
        mailet.service(mail(HANK, GINA, ""));

        assertThat(context.getSentMails()).hasSize(1);
    }

    @Test
    void theSenderIsAnsweredAgainOnceTheIntervalIsOver() throws Exception {
        mailet.service(mail(HANK, GINA, ""));
        now.set(MONDAY.plusDays(7).plusSeconds(1));
        mailet.service(mail(HANK, GINA, ""));

        assertThat(context.getSentMails()).hasSize(2);
    }

    @Test
    void eachSenderIsAnsweredOnce() throws Exception {
        mailet.service(mail(HANK, GINA, ""));
        mailet.service(mail("ivan@example.org", GINA, ""));

        assertThat(context.getSentMails()).hasSize(2);
    }

    @Test
    void aMailThatGetsNoReplyDoesNotUseUpTheInterval() throws Exception {
        mailet.service(mail(HANK, GINA, "Precedence: bulk\r\n"));
        mailet.service(mail(HANK, GINA, ""));

        assertThat(context.getSentMails()).hasSize(1);
    }

    @Test
    void replyIntervalIsConfigurable() throws Exception {
        Autoresponder hourly = autoresponder(FakeMailetConfig.builder().mailetContext(context)
            .setProperty("replyInterval", "1 hour").build());

        hourly.service(mail(HANK, GINA, ""));
        now.set(MONDAY.plusMinutes(59));
        hourly.service(mail(HANK, GINA, ""));
        now.set(MONDAY.plusMinutes(61));
        hourly.service(mail(HANK, GINA, ""));

        assertThat(context.getSentMails()).hasSize(2);
    }

    @Test
    void aBadReplyIntervalIsRefusedAtInitNamingTheParameter() {
        assertThatThrownBy(() -> autoresponder(FakeMailetConfig.builder().mailetContext(context)
                .setProperty("replyInterval", "a fortnight").build()))
            .isInstanceOf(MessagingException.class)
            .hasMessageContaining("replyInterval")
            .hasMessageContaining("a fortnight");
    }

    @Test
    void aZeroReplyIntervalIsRefused() {
        assertThatThrownBy(() -> autoresponder(FakeMailetConfig.builder().mailetContext(context)
                .setProperty("replyInterval", "0 days").build()))
            .isInstanceOf(MessagingException.class)
            .hasMessageContaining("replyInterval");
    }

    private MimeMessage onlyReply() {
        assertThat(context.getSentMails()).hasSize(1);
        return context.getSentMails().get(0).getMsg();
    }

    private static FakeMail mail(String sender, String recipient, String extraHeaders) throws MessagingException {
        return FakeMail.builder().name("mail").mimeMessage(message(sender, recipient, extraHeaders))
            .sender(sender).recipients(List.of(new MailAddress(recipient))).build();
    }

    private static MimeMessage message(String from, String to, String extraHeaders) throws MessagingException {
        String raw = "From: " + from + "\r\n"
            + "To: " + to + "\r\n"
            + "Subject: question\r\n"
            + "Message-ID: <question@example.org>\r\n"
            + extraHeaders
            + "\r\n"
            + "Are you there?\r\n";
        return new MimeMessage(Session.getInstance(new Properties()),
            new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII)));
    }
}
