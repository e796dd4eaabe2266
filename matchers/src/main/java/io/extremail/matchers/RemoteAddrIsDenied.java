package io.extremail.matchers;

import java.net.InetAddress;
import java.util.Collection;
import java.util.List;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

import com.google.common.net.InetAddresses;

import io.extremail.deny.DenyKind;
import io.extremail.deny.DenyList;

/**
 * Matches every recipient of a mail received from a client address on the IPIN list. The SMTP server already
 * refuses those clients at connect (DenyIpInHandler): this matcher judges mail queued before the rule was added.
 *
 * <pre>{@code
 * <mailet match="io.extremail.matchers.RemoteAddrIsDenied" class="Null"/>
 * }</pre>
 */
public class RemoteAddrIsDenied extends GenericMatcher {
    private final DenyList denyList;

    @Inject
    public RemoteAddrIsDenied(DenyList denyList) {
        this.denyList = denyList;
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        String remoteAddress = mail.getRemoteAddr();
        if (remoteAddress == null || !InetAddresses.isInetAddress(remoteAddress)) {
            return List.of();
        }
        InetAddress client = InetAddresses.forString(remoteAddress);
        return denyList.rules().matchingNetwork(DenyKind.IPIN, client).isPresent() ? mail.getRecipients() : List.of();
    }
}
