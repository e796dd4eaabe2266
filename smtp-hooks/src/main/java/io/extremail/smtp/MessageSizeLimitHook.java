package io.extremail.smtp;

import java.util.List;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.core.Username;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.api.DomainListException;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.smtp.MailEnvelope;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.protocols.smtp.hook.MailHook;
import org.apache.james.protocols.smtp.hook.MessageHook;
import org.apache.james.protocols.smtp.hook.RcptHook;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;

import io.extremail.limits.MessageSizeLimits;

/**
 * Per-user maximum message sizes (WebAdmin /limits), on top of the server's maxmessagesize:
 * <ul>
 *   <li>outgoing, for mail submitted by an authenticated user: 552 at MAIL FROM when {@code SIZE=} announces more,
 *       552 at the end of DATA when the message is bigger;</li>
 *   <li>incoming, for each local recipient: 552 at RCPT when {@code SIZE=} announces more than that recipient
 *       accepts; at the end of DATA, 552 when the message is too big for every recipient. When it is too big for
 *       some only, the message is accepted and the MessageSizeOverRecipientLimit matcher bounces it for those.</li>
 * </ul>
 *
 * <pre>{@code
 * <handler class="io.extremail.smtp.MessageSizeLimitHook"/>
 * }</pre>
 */
public class MessageSizeLimitHook implements MailHook, RcptHook, MessageHook {
    // The size announced by MAIL FROM ... SIZE=, as James's MailSizeEsmtpExtension keeps it for the transaction.
    private static final ProtocolSession.AttachmentKey<Integer> ANNOUNCED_SIZE = ProtocolSession.AttachmentKey.of("MESG_SIZE", Integer.class);

    private final MessageSizeLimits limits;
    private final DomainList domainList;
    private final UsersRepository users;

    @Inject
    public MessageSizeLimitHook(MessageSizeLimits limits, DomainList domainList, UsersRepository users) {
        this.limits = limits;
        this.domainList = domainList;
        this.users = users;
    }

    @Override
    public HookResult doMail(SMTPSession session, MaybeSender sender) {
        return outgoingLimit(session)
            .filter(limit -> announcedSize(session).filter(size -> size > limit).isPresent())
            .map(limit -> tooBig("sender " + session.getUsername().asString(), limit))
            .orElse(HookResult.DECLINED);
    }

    @Override
    public HookResult doRcpt(SMTPSession session, MaybeSender sender, MailAddress recipient) {
        Optional<Long> announced = announcedSize(session);
        if (announced.isEmpty()) {
            return HookResult.DECLINED;
        }
        return incomingLimit(recipient)
            .filter(limit -> announced.get() > limit)
            .map(limit -> tooBig("recipient " + recipient.asString(), limit))
            .orElse(HookResult.DECLINED);
    }

    @Override
    public HookResult onMessage(SMTPSession session, MailEnvelope mail) {
        long size = mail.getSize();
        Optional<Long> outgoing = outgoingLimit(session).filter(limit -> size > limit);
        if (outgoing.isPresent()) {
            return tooBig("sender " + session.getUsername().asString(), outgoing.get());
        }
        List<MailAddress> recipients = mail.getRecipients();
        boolean tooBigForEveryRecipient = !recipients.isEmpty() && recipients.stream()
            .allMatch(recipient -> incomingLimit(recipient).filter(limit -> size > limit).isPresent());
        if (tooBigForEveryRecipient) {
            return tooBig("every recipient", incomingLimit(recipients.get(0)).orElseThrow());
        }
        return HookResult.DECLINED;
    }

    private Optional<Long> outgoingLimit(SMTPSession session) {
        return Optional.ofNullable(session.getUsername()).flatMap(user -> limits.of(user).maxOutgoing());
    }

    private Optional<Long> incomingLimit(MailAddress recipient) {
        try {
            if (!domainList.containsDomain(recipient.getDomain())) {
                return Optional.empty();
            }
            Username user = users.getUsername(recipient);
            return limits.of(user).maxIncoming();
        } catch (DomainListException | UsersRepositoryException e) {
            return Optional.empty();
        }
    }

    private static Optional<Long> announcedSize(SMTPSession session) {
        return session.getAttachment(ANNOUNCED_SIZE, ProtocolSession.State.Transaction).map(Integer::longValue);
    }

    private static HookResult tooBig(String who, long limit) {
        return HookResult.builder()
            .hookReturnCode(HookReturnCode.deny())
            .smtpReturnCode("552")
            .smtpDescription("5.3.4 Message too big for " + who + " (limit " + limit + " bytes)")
            .build();
    }
}
