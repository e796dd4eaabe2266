package io.extremail.smtp;

import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.api.DomainListException;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.protocols.smtp.hook.RcptHook;

import io.extremail.deny.DenyEntry;
import io.extremail.deny.DenyKind;
import io.extremail.deny.DenyList;

/**
 * Refuses, with 550 at RCPT, a relayed recipient (a domain that is not ours) on the MAILBOXOUT list or in a domain
 * on the DOMAINOUT list, whoever sends it: authenticated users and relaying networks included. Mail to our own
 * domains is never judged by the OUT lists.
 *
 * <pre>{@code
 * <handler class="io.extremail.smtp.DenyRecipientHook"/>
 * }</pre>
 */
public class DenyRecipientHook implements RcptHook {
    private final DenyList denyList;
    private final DomainList domainList;

    @Inject
    public DenyRecipientHook(DenyList denyList, DomainList domainList) {
        this.denyList = denyList;
        this.domainList = domainList;
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress recipient) {
        Optional<DenyEntry> rule = denyList.rules().matchingAddress(DenyKind.MAILBOXOUT, DenyKind.DOMAINOUT, recipient);
        if (rule.isEmpty() || isLocal(recipient)) {
            return HookResult.DECLINED;
        }
        return HookResult.builder()
            .hookReturnCode(HookReturnCode.deny())
            .smtpReturnCode("550")
            .smtpDescription("5.7.1 Mail to " + recipient.asString() + " is refused (deny rule " + rule.get().kind()
                + " " + rule.get().value() + ")")
            .build();
    }

    private boolean isLocal(MailAddress recipient) {
        try {
            return domainList.containsDomain(recipient.getDomain());
        } catch (DomainListException e) {
            // Cannot tell: judge it as relayed, the safer side for an OUT rule that matched.
            return false;
        }
    }
}
