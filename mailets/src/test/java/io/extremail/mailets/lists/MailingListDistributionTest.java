package io.extremail.mailets.lists;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.extremail.lists.ListAccess;
import io.extremail.lists.MailingList;
import io.extremail.lists.MailingLists;

class MailingListDistributionTest {
    private static final String LIST = "team@lists.example";
    private static final String OWNER = "boss@lists.example";

    private final InMemoryMailingListStore store = new InMemoryMailingListStore();
    private final InMemoryHeldPostStore heldPosts = new InMemoryHeldPostStore();
    private final FakeMailContext context = FakeMailContext.defaultContext();
    private final MailingLists lists = new MailingLists(store);

    @AfterEach
    void close() {
        lists.close();
    }

    @Test
    void membersAreSentInMailsOfRecipientsPerMessageFromTheOwnerAddressWithListHeaders() throws Exception {
        list(ListAccess.OPEN, 1_200);
        Mail post = post("anyone@else.example", "Hello");

        mailet(500).service(post);

        assertThat(context.getSentMails()).extracting(sent -> sent.getRecipients().size()).containsExactly(500, 500, 200);
        FakeMailContext.SentMail first = context.getSentMails().get(0);
        assertThat(first.getSender()).isEqualTo(new MailAddress("team-owner@lists.example"));
        assertThat(first.getMsg().getHeader("List-Id")).containsExactly("<team.lists.example>");
        assertThat(first.getMsg().getHeader("Precedence")).containsExactly("list");
        assertThat(first.getMsg().getHeader("X-Loop")).containsExactly(LIST);
        assertThat(post.getState()).isEqualTo(Mail.GHOST);
    }

    @Test
    void mailThatAlreadyWentThroughTheListIsDropped() throws Exception {
        list(ListAccess.OPEN, 3);
        Mail post = post("anyone@else.example", "Looping");
        post.getMessage().addHeader("X-Loop", LIST);

        mailet(500).service(post);

        assertThat(context.getSentMails()).isEmpty();
        assertThat(post.getState()).isEqualTo(Mail.GHOST);
    }

    @Test
    void moderatedPostIsHeldAndTheOwnersAreTold() throws Exception {
        list(ListAccess.MODERATED, 3);

        mailet(500).service(post("anyone@else.example", "Please"));

        assertThat(heldPosts.list(new MailAddress(LIST)).collectList().block())
            .singleElement().satisfies(held -> assertThat(held.subject()).isEqualTo("Please"));
        assertThat(context.getSentMails()).singleElement().satisfies(notice -> {
            assertThat(notice.getRecipients()).containsExactly(new MailAddress(OWNER));
            assertThat(notice.getMsg().getSubject()).isEqualTo("Held for moderation on " + LIST + ": Please");
        });
    }

    @Test
    void anApprovedPostIsDistributedDespiteModeration() throws Exception {
        list(ListAccess.MODERATED, 3);
        Mail post = post("anyone@else.example", "Approved");
        post.setAttribute(new Attribute(MailingListDistribution.APPROVED_FOR, AttributeValue.of(LIST)));

        mailet(500).service(post);

        assertThat(heldPosts.list(new MailAddress(LIST)).collectList().block()).isEmpty();
        assertThat(context.getSentMails()).singleElement().satisfies(sent -> assertThat(sent.getRecipients()).hasSize(3));
    }

    @Test
    void aNonMemberOfAMembersListGetsANoticeWithANullSender() throws Exception {
        list(ListAccess.MEMBERS, 3);

        mailet(500).service(post("stranger@else.example", "Hi"));

        assertThat(context.getSentMails()).singleElement().satisfies(notice -> {
            assertThat(notice.getRecipients()).containsExactly(new MailAddress("stranger@else.example"));
            assertThat(notice.getSender()).isNull();
            assertThat(notice.getMsg().getSubject()).isEqualTo("Not distributed: Hi");
        });
    }

    @Test
    void recipientsPerMessageMustBePositive() {
        assertThatThrownBy(() -> mailet(0)).isInstanceOf(MessagingException.class).hasMessageContaining("recipientsPerMessage: '0'");
    }

    private void list(ListAccess access, int members) throws Exception {
        lists.save(new MailingList(new MailAddress(LIST), access, Set.of(new MailAddress(OWNER))));
        store.addMembers(new MailAddress(LIST), IntStream.range(0, members)
            .mapToObj(i -> address("member" + i + "@members.example")).toList()).block();
    }

    private MailingListDistribution mailet(int recipientsPerMessage) throws MessagingException {
        MailingListDistribution mailet = new MailingListDistribution(lists, heldPosts);
        mailet.init(FakeMailetConfig.builder()
            .mailetName("MailingListDistribution")
            .mailetContext(context)
            .setProperty("recipientsPerMessage", String.valueOf(recipientsPerMessage))
            .build());
        return mailet;
    }

    private static Mail post(String sender, String subject) throws MessagingException {
        return FakeMail.builder()
            .name("post")
            .sender(sender)
            .recipients(List.of(address(LIST)))
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().setSubject(subject).addFrom(sender).setText("body"))
            .build();
    }

    private static MailAddress address(String value) {
        try {
            return new MailAddress(value);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
