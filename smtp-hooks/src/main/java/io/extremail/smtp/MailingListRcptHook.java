package io.extremail.smtp;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.protocols.smtp.hook.RcptHook;

import io.extremail.lists.MailingLists;

/**
 * Accepts at RCPT the addresses of our mailing lists and of their owners, which are no user: without it the
 * recipient check that follows would refuse them with 550. Who may post is judged in the mail pipeline
 * (MailingListDistribution), which bounces with the reason or holds for moderation. Place it after the deny hooks
 * (an accepted recipient skips the hooks after it) and before ValidRcptHandler.
 *
 * <pre>{@code
 * <handler class="io.extremail.smtp.MailingListRcptHook"/>
 * }</pre>
 */
public class MailingListRcptHook implements RcptHook {
    private final MailingLists lists;

    @Inject
    public MailingListRcptHook(MailingLists lists) {
        this.lists = lists;
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress recipient) {
        if (lists.isListAddress(recipient)) {
            return HookResult.builder().hookReturnCode(HookReturnCode.ok()).build();
        }
        return HookResult.DECLINED;
    }
}
