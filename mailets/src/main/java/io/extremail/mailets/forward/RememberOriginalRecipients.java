package io.extremail.mailets.forward;

import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;

/**
 * Records a mail's recipients before RecipientRewriteTable rewrites them, so that RewriteForwardedSender can tell a
 * forwarded copy (its recipients were not the original ones) from mail relayed as sent.
 *
 * <pre>{@code
 * <mailet match="All" class="io.extremail.mailets.forward.RememberOriginalRecipients"/>
 * <mailet match="All" class="RecipientRewriteTable"/>
 * }</pre>
 */
public class RememberOriginalRecipients extends GenericMailet {
    @Override
    public void service(Mail mail) {
        OriginalRecipients.remember(mail);
    }

    @Override
    public String getMailetInfo() {
        return "Records the recipients before aliases and forwards";
    }
}
