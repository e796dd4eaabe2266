package io.extremail.server.cassandra;

import org.apache.james.core.Username;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.exception.MailboxExistsException;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.user.api.UsersRepositoryException;
import org.apache.james.user.lib.UsersRepositoryImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.inject.Provider;

/**
 * James's users repository, creating each new user's INBOX with the user, as eXtremail's {@code USER ADD} creates the
 * mailbox: over WebAdmin, the console and eXtremail.conf alike. James alone creates the INBOX at the first delivery or
 * login, so the first message to every new user paid for a mailbox creation (compare-and-set writes on Cassandra) on
 * the delivery path, and a POP3 login racing that first delivery failed. If the INBOX cannot be created here, the user
 * is still added and the first delivery creates it, as before.
 */
final class InboxCreatingUsersRepository extends UsersRepositoryImpl<CachedUsersDAO> {
    private static final Logger LOGGER = LoggerFactory.getLogger(InboxCreatingUsersRepository.class);

    // A provider: the mailbox manager authenticates through this repository.
    private final Provider<MailboxManager> mailboxes;

    InboxCreatingUsersRepository(DomainList domainList, CachedUsersDAO dao, Provider<MailboxManager> mailboxes) {
        super(domainList, dao);
        this.mailboxes = mailboxes;
    }

    @Override
    public void addUser(Username username, String password) throws UsersRepositoryException {
        super.addUser(username, password);
        MailboxManager manager = mailboxes.get();
        MailboxSession session = manager.createSystemSession(username);
        try {
            manager.startProcessingRequest(session);
            manager.createMailbox(MailboxPath.inbox(username), session);
        } catch (MailboxExistsException e) {
            // Left by an earlier user of that name: it is theirs again, as James would reuse it.
        } catch (MailboxException | RuntimeException e) {
            LOGGER.warn("User {} added, but its INBOX could not be created now; the first delivery will create it", username.asString(), e);
        } finally {
            manager.endProcessingRequest(session);
        }
    }
}
