package io.extremail.matchers;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.mailet.base.GenericRecipientMatcher;

import io.extremail.lists.MailingLists;

/**
 * Matches the recipients that are mailing lists (WebAdmin {@code /lists}): a list address {@code name@domain} or
 * its owner address {@code name-owner@domain}. Answered from memory, never a Cassandra read per mail.
 *
 * <pre>{@code
 * <mailet match="io.extremail.matchers.RecipientIsMailingList" class="ToProcessor">
 *     <processor>mailing-list</processor>
 * </mailet>
 * }</pre>
 */
public class RecipientIsMailingList extends GenericRecipientMatcher {
    private final MailingLists lists;

    @Inject
    public RecipientIsMailingList(MailingLists lists) {
        this.lists = lists;
    }

    @Override
    public boolean matchRecipient(MailAddress recipient) {
        return lists.isListAddress(recipient);
    }
}
