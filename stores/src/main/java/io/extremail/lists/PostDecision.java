package io.extremail.lists;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;

/**
 * What a list does with a post, from its access and the envelope sender (eXtremail judged the envelope, as we do:
 * From headers are trivially forged and often differ from the address a member subscribed).
 */
public record PostDecision(Outcome outcome, String reason) {
    public enum Outcome { DISTRIBUTE, HOLD, REFUSE }

    public static PostDecision of(MailingList list, MaybeSender sender, boolean senderIsMember) {
        if (sender.isNullSender()) {
            // A bounce or notification sent to the list itself: never worth distributing to every member.
            return new PostDecision(Outcome.REFUSE, "mail with a null sender (a bounce) is not distributed");
        }
        MailAddress from = sender.get();
        if (list.isOwner(from)) {
            return new PostDecision(Outcome.DISTRIBUTE, "sent by an owner");
        }
        return switch (list.access()) {
            case OPEN -> new PostDecision(Outcome.DISTRIBUTE, "the list is open");
            case MEMBERS -> senderIsMember
                ? new PostDecision(Outcome.DISTRIBUTE, "sent by a member")
                : new PostDecision(Outcome.REFUSE, "only members of " + list.address().asString()
                    + " may post to it, and " + from.asString() + " is not a member");
            case MODERATED -> new PostDecision(Outcome.HOLD, "the list is moderated: posts wait for an owner's approval");
        };
    }
}
