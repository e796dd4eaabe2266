package io.extremail.server.queue;

import java.util.Optional;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;

/**
 * The last error James's RemoteDelivery met on the current thread. James 3.8.1 logs why a delivery attempt failed
 * (connection refused, no MX, the remote server's 4xx answer) but keeps it nowhere; the attempt and the re-queueing
 * happen on one thread, so what its MailDelivrer logged there is the error of the mail being re-queued.
 */
public final class DeliveryErrors extends AppenderBase<ILoggingEvent> {
    static final String MAIL_DELIVRER = "org.apache.james.transport.mailets.remote.delivery.MailDelivrer";
    private static final ThreadLocal<String> LAST = new ThreadLocal<>();

    private DeliveryErrors() {
    }

    /** Listens to RemoteDelivery's log from now on. */
    public static void install() {
        Logger logger = (Logger) LoggerFactory.getLogger(MAIL_DELIVRER);
        if (logger.getAppender(DeliveryErrors.class.getSimpleName()) != null) {
            return;
        }
        DeliveryErrors appender = new DeliveryErrors();
        appender.setName(DeliveryErrors.class.getSimpleName());
        appender.setContext(logger.getLoggerContext());
        appender.start();
        logger.addAppender(appender);
    }

    /** The error logged on this thread since the last call, if any. */
    public static Optional<String> takeLast() {
        String last = LAST.get();
        LAST.remove();
        return Optional.ofNullable(last);
    }

    @Override
    protected void append(ILoggingEvent event) {
        LAST.set(event.getFormattedMessage());
    }
}
