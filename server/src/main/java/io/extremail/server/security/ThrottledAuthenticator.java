package io.extremail.server.security;

import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.adapter.mailbox.UserRepositoryAuthenticator;
import org.apache.james.core.Username;
import org.apache.james.mailbox.Authenticator;
import org.apache.james.mailbox.exception.MailboxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import io.extremail.throttle.MailLoginThrottle;

/**
 * The password check of IMAP and POP3 logins, with the ban of {@link MailLoginThrottle}: a client (its address, as
 * the protocol servers put it in the logging context; the user name when it is not there) that failed too often in
 * a row is refused without its password being checked until the ban ends.
 */
public class ThrottledAuthenticator implements Authenticator {
    private static final Logger LOGGER = LoggerFactory.getLogger(ThrottledAuthenticator.class);
    private static final String IP = "ip";

    private final UserRepositoryAuthenticator delegate;
    private final MailLoginThrottle throttle;

    @Inject
    public ThrottledAuthenticator(UserRepositoryAuthenticator delegate, MailLoginThrottle throttle) {
        this.delegate = delegate;
        this.throttle = throttle;
    }

    @Override
    public boolean isAuthentic(Username user, CharSequence password) throws MailboxException {
        String client = Optional.ofNullable(MDC.get(IP)).filter(ip -> !ip.isBlank()).orElseGet(() -> "user " + user.asString());
        if (throttle.banned(client).isPresent()) {
            LOGGER.info("Login as {} refused: {} is banned after failed logins", user.asString(), client);
            return false;
        }
        boolean authentic = delegate.isAuthentic(user, password);
        if (authentic) {
            throttle.succeeded(client);
        } else {
            throttle.failed(client);
        }
        return authentic;
    }
}
