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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.extremail.throttle.MailLoginThrottle;

/**
 * AUTH PLAIN / LOGIN against the users repository, as James's own UsersRepositoryAuthHook, and the last word on it:
 * wrong credentials are counted against the client's address (see {@link AuthenticationGuardHook}) and answered
 * 535 5.7.8; a repository that cannot be reached gets 454 4.7.0 (try again), not counted. Declare it after
 * MappedLoginAuthHook (mapped logins) and before CoreCmdHandlerLoader's hooks, which James appends to the chain.
 *
 * <pre>{@code
 * <handler class="io.extremail.smtp.MappedLoginAuthHook"/>
 * <handler class="io.extremail.smtp.PasswordAuthHook"/>
 * }</pre>
 */
public class PasswordAuthHook implements AuthHook {
    private static final Logger LOGGER = LoggerFactory.getLogger(PasswordAuthHook.class);

    private final UsersRepository users;
    private final MailLoginThrottle throttle;

    @Inject
    public PasswordAuthHook(UsersRepository users, MailLoginThrottle throttle) {
        this.users = users;
        this.throttle = throttle;
    }

    @Override
    public HookResult doAuth(SMTPSession session, Username username, String password) {
        String client = session.getRemoteAddress().getAddress().getHostAddress();
        try {
            if (users.test(username, password)) {
                throttle.succeeded(client);
                session.setUsername(username);
                session.setRelayingAllowed(true);
                return HookResult.builder().hookReturnCode(HookReturnCode.ok()).smtpDescription("Authentication Successful").build();
            }
        } catch (UsersRepositoryException | RuntimeException e) {
            LOGGER.warn("AUTH as {} from {}: the users repository cannot be read", username.asString(), client, e);
            return HookResult.builder()
                .hookReturnCode(HookReturnCode.denySoft())
                .smtpReturnCode("454")
                .smtpDescription("4.7.0 Temporary authentication failure: try again later")
                .build();
        }
        throttle.failed(client);
        return HookResult.builder()
            .hookReturnCode(HookReturnCode.deny())
            .smtpReturnCode("535")
            .smtpDescription("5.7.8 Authentication credentials invalid")
            .build();
    }

    @Override
    public HookResult doSasl(SMTPSession session, OidcSASLConfiguration configuration, String initialResponse) {
        return HookResult.DECLINED;
    }
}
