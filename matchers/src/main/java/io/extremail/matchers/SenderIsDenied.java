package io.extremail.matchers;

import java.util.Collection;
import java.util.List;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

import io.extremail.deny.DenyKind;
import io.extremail.deny.DenyList;

/**
 * Matches every recipient of a mail whose envelope sender is on the MAILBOXIN list or in a DOMAININ domain. The
 * null sender never matches. The SMTP server already refuses such senders at MAIL FROM (DenySenderHook): this
 * matcher judges mail that entered otherwise, or mail queued before the rule was added.
 *
 * <pre>{@code
 * <mailet match="io.extremail.matchers.SenderIsDenied" class="ToRepository">
 *     <repositoryPath>cassandra://var/mail/denied/</repositoryPath>
 * </mailet>
 * }</pre>
 */
public class SenderIsDenied extends GenericMatcher {
    private final DenyList denyList;

    @Inject
    public SenderIsDenied(DenyList denyList) {
        this.denyList = denyList;
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        boolean denied = mail.getMaybeSender().asOptional()
            .flatMap(sender -> denyList.rules().matchingAddress(DenyKind.MAILBOXIN, DenyKind.DOMAININ, sender))
            .isPresent();
        return denied ? mail.getRecipients() : List.of();
    }
}
