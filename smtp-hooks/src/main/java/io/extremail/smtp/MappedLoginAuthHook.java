package io.extremail.smtp;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.protocols.api.OidcSASLConfiguration;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.AuthHook;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;

import io.extremail.mapping.LoginMappingStore;

/**
 * SMTP AUTH with an extra login name (account mapping): the password is checked against the mailbox the login
 * maps to, and the session continues as that mailbox, so {@code verifyIdentity} and relaying judge the mailbox.
 * Logins without a mapping are left to James's own UsersRepositoryAuthHook.
 *
 * <pre>{@code
 * <handler class="io.extremail.smtp.MappedLoginAuthHook"/>
 * }</pre>
 */
public class MappedLoginAuthHook implements AuthHook {
    private final LoginMappingStore mappings;
    private final UsersRepository users;

    @Inject
    public MappedLoginAuthHook(LoginMappingStore mappings, UsersRepository users) {
        this.mappings = mappings;
        this.users = users;
    }

    @Override
    public HookResult doAuth(SMTPSession session, Username login, String password) {
        Username mailbox = mappings.mailboxOf(login).block();
        if (mailbox == null) {
            return HookResult.DECLINED;
        }
        try {
            if (!users.test(mailbox, password)) {
                return HookResult.DECLINED;
            }
        } catch (UsersRepositoryException e) {
            return HookResult.DECLINED;
        }
        session.setUsername(mailbox);
        session.setRelayingAllowed(true);
        return HookResult.builder()
            .hookReturnCode(HookReturnCode.ok())
            .smtpDescription("Authentication Successful")
            .build();
    }

    @Override
    public HookResult doSasl(SMTPSession session, OidcSASLConfiguration configuration, String initialResponse) {
        return HookResult.DECLINED;
    }
}
