package io.extremail.smtp;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.core.Username;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.api.DomainListException;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.quota.QuotaManager;
import org.apache.james.mailbox.quota.UserQuotaRootResolver;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.protocols.smtp.hook.RcptHook;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;

/**
 * Refuses, with 552 at RCPT, a local recipient whose mailbox is already full: its storage or message count quota
 * (user, domain or global limit, WebAdmin /quota) leaves no room for one more message. The sending server keeps the
 * message and tells its user, instead of our server accepting it only to bounce it. A message that would overflow a
 * mailbox not yet full is bounced at delivery (IsOverQuota in mailetcontainer.xml).
 *
 * <pre>{@code
 * <handler class="io.extremail.smtp.QuotaRcptHook"/>
 * }</pre>
 */
public class QuotaRcptHook implements RcptHook {
    private final DomainList domainList;
    private final UsersRepository users;
    private final UserQuotaRootResolver quotaRoots;
    private final QuotaManager quotaManager;

    @Inject
    public QuotaRcptHook(DomainList domainList, UsersRepository users, UserQuotaRootResolver quotaRoots, QuotaManager quotaManager) {
        this.domainList = domainList;
        this.users = users;
        this.quotaRoots = quotaRoots;
        this.quotaManager = quotaManager;
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress recipient) {
        try {
            if (!domainList.containsDomain(recipient.getDomain())) {
                return HookResult.DECLINED;
            }
            Username user = users.getUsername(recipient);
            QuotaManager.Quotas quotas = quotaManager.getQuotas(quotaRoots.forUser(user));
            if (quotas.getStorageQuota().isOverQuotaWithAdditionalValue(1)
                || quotas.getMessageQuota().isOverQuotaWithAdditionalValue(1)) {
                return HookResult.builder()
                    .hookReturnCode(HookReturnCode.deny())
                    .smtpReturnCode("552")
                    .smtpDescription("5.2.2 Mailbox of " + recipient.asString() + " is full")
                    .build();
            }
            return HookResult.DECLINED;
        } catch (DomainListException | UsersRepositoryException | MailboxException e) {
            // Cannot tell now: let delivery decide, where IsOverQuota checks again.
            return HookResult.DECLINED;
        }
    }
}
