package io.extremail.smtp;

import java.time.Duration;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.protocols.api.OidcSASLConfiguration;
import org.apache.james.protocols.smtp.SMTPConfiguration;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.AuthHook;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.extremail.throttle.MailLoginThrottle;

/**
 * First of the AUTH hooks: refuses AUTH in plain text where the listener requires TLS for it ({@code <requireSSL>},
 * which James 3.8.1 applies to the EHLO announcement only, accepting AUTH anyway: 538 5.7.11 here), and refuses
 * AUTH from a client banned for too many failed logins (454 4.7.0, temporary) without checking the password.
 * Failures are counted by {@link PasswordAuthHook}; the limits are those of
 * conf/login-throttle.properties, shared with IMAP and POP3.
 *
 * <pre>{@code
 * <handler class="io.extremail.smtp.AuthenticationGuardHook"/>     <!-- first of the handler chain -->
 * }</pre>
 */
public class AuthenticationGuardHook implements AuthHook {
    private static final Logger LOGGER = LoggerFactory.getLogger(AuthenticationGuardHook.class);

    private final MailLoginThrottle throttle;

    @Inject
    public AuthenticationGuardHook(MailLoginThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    public HookResult doAuth(SMTPSession session, Username username, String password) {
        String client = session.getRemoteAddress().getAddress().getHostAddress();
        SMTPConfiguration configuration = session.getConfiguration();
        // Announced once TLS is up but not before: the listener requires TLS for AUTH.
        if (!session.isTLSStarted() && configuration.isAuthAnnounced(client, true) && !configuration.isAuthAnnounced(client, false)) {
            return HookResult.builder()
                .hookReturnCode(HookReturnCode.deny())
                .smtpReturnCode("538")
                .smtpDescription("5.7.11 Encryption required for requested authentication mechanism: STARTTLS first")
                .build();
        }
        Optional<Duration> banned = throttle.banned(client);
        if (banned.isPresent()) {
            LOGGER.info("AUTH as {} from {} refused: banned for {} s more after failed logins", username.asString(), client, banned.get().toSeconds());
            return HookResult.builder()
                .hookReturnCode(HookReturnCode.denySoft())
                .smtpReturnCode("454")
                .smtpDescription("4.7.0 Too many failed logins from " + client + ": try again in " + Math.max(1, banned.get().toSeconds()) + " seconds")
                .build();
        }
        return HookResult.DECLINED;
    }

    @Override
    public HookResult doSasl(SMTPSession session, OidcSASLConfiguration configuration, String initialResponse) {
        return HookResult.DECLINED;
    }
}
