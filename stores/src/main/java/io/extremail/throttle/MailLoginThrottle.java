package io.extremail.throttle;

import java.time.Clock;
import java.time.Duration;

/**
 * The one {@link LoginThrottle} of SMTP AUTH, IMAP and POP3 (conf/login-throttle.properties): a client banned after
 * failing on one protocol is banned on all three.
 */
public class MailLoginThrottle extends LoginThrottle {
    public MailLoginThrottle(int failuresBeforeBan, Duration ban, Clock clock) {
        super(failuresBeforeBan, ban, clock);
    }
}
