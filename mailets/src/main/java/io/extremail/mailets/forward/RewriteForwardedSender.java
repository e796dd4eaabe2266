package io.extremail.mailets.forward;

import java.util.List;
import java.util.Optional;

import org.apache.james.core.MailAddress;
import org.apache.james.server.core.MailImpl;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;

/**
 * Mail forwarded to another server leaves with the forwarding user as envelope sender: the receiving server checks
 * SPF against our domain, which is allowed to send it, rather than against the original sender's domain, which is
 * not. Bounces of the forward then reach the forwarding user, not the original sender, and cannot loop back out.
 * A mail is a forward when none of its recipients is one it had before RecipientRewriteTable (see
 * RememberOriginalRecipients); mail relayed as sent (authenticated users, relaying networks) keeps its sender, as
 * does mail whose sender is already in one of our domains or is the null sender.
 *
 * <pre>{@code
 * <processor state="relay">
 *     <mailet match="All" class="io.extremail.mailets.forward.RewriteForwardedSender"/>
 *     <mailet match="All" class="RemoteDelivery">...</mailet>
 * </processor>
 * }</pre>
 */
public class RewriteForwardedSender extends GenericMailet {
    static final String FORWARDED_FOR_HEADER = "X-Extremail-Forwarded-For";

    @Override
    public void service(Mail mail) throws javax.mail.MessagingException {
        Optional<MailAddress> sender = mail.getMaybeSender().asOptional();
        Optional<List<MailAddress>> originals = OriginalRecipients.of(mail);
        if (sender.isEmpty() || originals.isEmpty() || getMailetContext().isLocalServer(sender.get().getDomain())) {
            return;
        }
        boolean forwarded = mail.getRecipients().stream().noneMatch(originals.get()::contains);
        Optional<MailAddress> forwarder = originals.get().stream()
            .filter(original -> getMailetContext().isLocalServer(original.getDomain()))
            .findFirst();
        if (forwarded && forwarder.isPresent()) {
            // The Mail API cannot change a sender: the mail continues as a copy with the new one, in this processor.
            MailImpl rewritten = MailImpl.duplicate(mail);
            rewritten.setSender(forwarder.get());
            rewritten.getMessage().setHeader(FORWARDED_FOR_HEADER, sender.get().asString());
            rewritten.getMessage().saveChanges();
            try {
                getMailetContext().sendMail(rewritten, mail.getState());
            } finally {
                rewritten.dispose();
            }
            mail.setState(Mail.GHOST);
        }
    }

    @Override
    public String getMailetInfo() {
        return "Rewrites the envelope sender of mail forwarded off-site to the forwarding user";
    }
}
