package io.extremail.mailets.delivery;

import org.apache.james.core.Username;
import org.apache.james.mailbox.model.MailboxConstants;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.mailet.Mail;
import org.apache.mailet.StorageDirective;

/** The folder a mail is delivered to for a user: INBOX, or the one a storage directive names (Junk for DMARC quarantine). */
public final class TargetFolder {
    private TargetFolder() {
    }

    public static MailboxPath of(Username username, Mail mail) {
        String folder = StorageDirective.fromMail(username, mail).withDefaultFolder(MailboxConstants.INBOX).getTargetFolder()
            .orElse(MailboxConstants.INBOX);
        return MailboxPath.forUser(username, folder);
    }
}
