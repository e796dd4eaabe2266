package io.extremail.matchers;

import java.util.Collection;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

import io.extremail.deny.DenyKind;
import io.extremail.deny.DenyList;

/**
 * Matches the remote recipients (not in one of our domains) that are on the MAILBOXOUT list or in a DOMAINOUT
 * domain. Placed before remote delivery, it stops mail to them whatever its origin (forwards, lists, copies).
 *
 * <pre>{@code
 * <mailet match="io.extremail.matchers.RecipientIsDenied" class="Bounce">
 *     <inline>heads</inline>
 *     <message>The recipient is on this server's outgoing deny list.</message>
 *     <passThrough>false</passThrough>
 * </mailet>
 * }</pre>
 */
public class RecipientIsDenied extends GenericMatcher {
    private final DenyList denyList;

    @Inject
    public RecipientIsDenied(DenyList denyList) {
        this.denyList = denyList;
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        return mail.getRecipients().stream()
            .filter(recipient -> !getMailetContext().isLocalServer(recipient.getDomain()))
            .filter(recipient -> denyList.rules().matchingAddress(DenyKind.MAILBOXOUT, DenyKind.DOMAINOUT, recipient).isPresent())
            .collect(Collectors.toList());
    }
}
