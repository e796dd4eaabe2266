package io.extremail.lists;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.junit.jupiter.api.Test;

class PostDecisionTest {
    private static final MaybeSender OUTSIDER = MaybeSender.getMailSender("outsider@example.net");
    private static final MaybeSender OWNER = MaybeSender.getMailSender("Boss@Example.com");

    @Test
    void openListDistributesFromAnyone() throws Exception {
        assertThat(PostDecision.of(list(ListAccess.OPEN), OUTSIDER, false).outcome()).isEqualTo(PostDecision.Outcome.DISTRIBUTE);
    }

    @Test
    void membersListRefusesNonMembersSayingWhy() throws Exception {
        PostDecision decision = PostDecision.of(list(ListAccess.MEMBERS), OUTSIDER, false);

        assertThat(decision.outcome()).isEqualTo(PostDecision.Outcome.REFUSE);
        assertThat(decision.reason()).contains("only members of staff@example.com", "outsider@example.net is not a member");
        assertThat(PostDecision.of(list(ListAccess.MEMBERS), OUTSIDER, true).outcome()).isEqualTo(PostDecision.Outcome.DISTRIBUTE);
    }

    @Test
    void moderatedListHoldsAllButOwners() throws Exception {
        assertThat(PostDecision.of(list(ListAccess.MODERATED), OUTSIDER, true).outcome()).isEqualTo(PostDecision.Outcome.HOLD);
        assertThat(PostDecision.of(list(ListAccess.MODERATED), OWNER, false).outcome()).isEqualTo(PostDecision.Outcome.DISTRIBUTE);
    }

    @Test
    void nullSenderIsNeverDistributed() throws Exception {
        assertThat(PostDecision.of(list(ListAccess.OPEN), MaybeSender.nullSender(), false).outcome()).isEqualTo(PostDecision.Outcome.REFUSE);
    }

    @Test
    void ownerAddressAndListIdFollowTheListName() throws Exception {
        MailingList list = list(ListAccess.OPEN);

        assertThat(list.ownerAddress()).isEqualTo(new MailAddress("staff-owner@example.com"));
        assertThat(list.listId()).isEqualTo("staff.example.com");
    }

    private static MailingList list(ListAccess access) throws Exception {
        return new MailingList(new MailAddress("Staff@example.com"), access, Set.of(new MailAddress("boss@example.com")));
    }
}
