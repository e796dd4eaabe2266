package io.extremail.server.security;

import java.io.FileNotFoundException;
import java.time.Clock;
import java.time.Duration;

import javax.inject.Singleton;

import org.apache.commons.configuration2.BaseConfiguration;
import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.utils.PropertiesProvider;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;

import io.extremail.server.conf.PropertiesValues;
import io.extremail.throttle.MailLoginThrottle;

/**
 * The failed-login ban of SMTP AUTH, IMAP and POP3, from conf/login-throttle.properties (optional):
 * {@code failedLoginsBeforeBan} [5, 1 to 1000] failures in a row from one address ban it for {@code banSeconds}
 * [300, 0 to 86400; 0 never bans].
 */
public class LoginThrottleModule extends AbstractModule {
    private static final String FILE = "conf/login-throttle.properties";

    @Provides
    @Singleton
    MailLoginThrottle throttle(PropertiesProvider properties) throws ConfigurationException {
        Configuration configuration;
        try {
            configuration = properties.getConfiguration("login-throttle");
        } catch (FileNotFoundException e) {
            configuration = new BaseConfiguration();
        }
        int failures = PropertiesValues.wholeNumber(FILE, configuration, "failedLoginsBeforeBan", 5, 1, 1000);
        int banSeconds = PropertiesValues.wholeNumber(FILE, configuration, "banSeconds", 300, 0, 86_400);
        return new MailLoginThrottle(failures, Duration.ofSeconds(banSeconds), Clock.systemUTC());
    }
}
