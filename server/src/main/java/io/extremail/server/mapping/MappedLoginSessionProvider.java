package io.extremail.server.mapping;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.SessionProvider;
import org.apache.james.mailbox.store.SessionProviderImpl;

import io.extremail.mapping.LoginMappingStore;

/**
 * IMAP and POP3 logins with an extra login name (account mapping): James authenticates, and opens the session of,
 * the mailbox the login maps to. Logins without a mapping are the mailbox names themselves, as in James.
 */
public class MappedLoginSessionProvider implements SessionProvider {
    private final SessionProviderImpl james;
    private final LoginMappingStore mappings;

    @Inject
    public MappedLoginSessionProvider(SessionProviderImpl james, LoginMappingStore mappings) {
        this.james = james;
        this.mappings = mappings;
    }

    @Override
    public MailboxSession createSystemSession(Username username) {
        return james.createSystemSession(username);
    }

    @Override
    public AuthorizationStep authenticate(Username login, String password) {
        return james.authenticate(mappings.resolve(login).block(), password);
    }

    @Override
    public AuthorizationStep authenticate(Username login) {
        return james.authenticate(mappings.resolve(login).block());
    }
}
