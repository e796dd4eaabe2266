package io.extremail.matchers;

import java.util.Collection;
import java.util.stream.Collectors;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

import io.extremail.limits.MessageSizeLimits;

/**
 * Matches the local recipients whose maximum incoming message size (WebAdmin /limits, user then domain) is smaller
 * than the mail. The SMTP server refuses the mail outright when it is too big for every recipient
 * (MessageSizeLimitHook); this matcher handles the recipients it could not refuse alone, and mail from other
 * sources (forwards, lists).
 *
 * <pre>{@code
 * <mailet match="io.extremail.matchers.MessageSizeOverRecipientLimit" class="Bounce">
 *     <message>The message is bigger than the recipient accepts.</message>
 *     <passThrough>false</passThrough>
 * </mailet>
 * }</pre>
 */
public class MessageSizeOverRecipientLimit extends GenericMatcher {
    private final MessageSizeLimits limits;

    @Inject
    public MessageSizeOverRecipientLimit(MessageSizeLimits limits) {
        this.limits = limits;
    }

    @Override
    public Collection<MailAddress> match(Mail mail) throws MessagingException {
        long size = mail.getMessageSize();
        return mail.getRecipients().stream()
            .filter(recipient -> getMailetContext().isLocalServer(recipient.getDomain()))
            .filter(recipient -> limits.of(Username.fromMailAddress(recipient)).maxIncoming().filter(limit -> size > limit).isPresent())
            .collect(Collectors.toList());
    }
}
