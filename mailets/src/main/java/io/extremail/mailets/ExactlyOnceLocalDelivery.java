package io.extremail.mailets;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.inject.Inject;
import javax.inject.Named;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.model.MailboxConstants;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.transport.mailets.delivery.MailDispatcher;
import org.apache.james.transport.mailets.delivery.MailStore;
import org.apache.james.transport.mailets.delivery.MailboxAppenderImpl;
import org.apache.james.transport.mailets.delivery.SimpleMailStore;
import org.apache.james.user.api.UsersRepository;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.apache.mailet.base.MailetUtil;

import io.extremail.cassandra.delivery.DeliveryJournal;
import io.extremail.mailets.delivery.DeliveryId;
import io.extremail.mailets.delivery.ExactlyOnceMailStore;
import io.extremail.mailets.delivery.InterruptedDeliveryRepair;
import io.extremail.mailets.delivery.TargetFolderDeliveredMessageFinder;
import reactor.core.publisher.Mono;

/**
 * Delivers a mail into the INBOX of each local recipient (or the folder a storage directive names, see James's
 * {@code WithStorageDirective}), exactly once even when the server is killed between
 * storing the message and acknowledging it to the queue (the queue then delivers the mail again after restart).
 * Works as James's {@code LocalDelivery}, plus a journal of started deliveries in Cassandra and a
 * {@code X-Extremail-Delivery-Id} header on the stored message that identifies the delivery. After such a redelivery
 * the folder's message counts and the user's quota usage are recounted ({@link InterruptedDeliveryRepair}), since
 * the crash may have cut the store between the message and its counts.
 * <p>
 * When a recipient's message still cannot be stored after its retries (e.g. Cassandra is down), the mail goes on to
 * the {@code onMailetException} processor with the failure as its {@code MailetError} attribute and only the
 * recipients not served yet: the error processor can tell an outage (requeue, see {@code IsStorageUnavailable})
 * from a permanent failure (bounce), and neither serves a recipient twice nor bounces one that was served. James's
 * {@code LocalDelivery} sends failed recipients to that processor without the cause, or with "propagate" hands the
 * whole mail back to the spooler, which requeues it at once and after five failures stores it in the spooler's
 * error repository: undelivered, and not even stored if that repository is in the Cassandra that is down.
 *
 * <p>Parameters:
 * <ul>
 *   <li>{@code consume} (default {@code true}): the mail stops here once delivered;</li>
 *   <li>{@code onMailetException} (default {@code error}): processor for the recipients that could not be stored,
 *       or {@code ignore} to drop them;</li>
 *   <li>{@code retries} (default 3): attempts per recipient on a storage error, 0.2 s to 1 s apart.</li>
 * </ul>
 *
 * <pre>{@code
 * <mailet match="All" class="io.extremail.mailets.ExactlyOnceLocalDelivery">
 *     <retries>3</retries>
 * </mailet>
 * }</pre>
 */
public class ExactlyOnceLocalDelivery extends GenericMailet {
    private static final String METRIC_NAME = "localDeliveredMails";

    private final UsersRepository usersRepository;
    private final MailboxManager mailboxManager;
    private final MetricFactory metricFactory;
    private final DeliveryJournal journal;
    private final InterruptedDeliveryRepair repair;
    private MailStore store;
    private boolean consume;
    private boolean ignoreErrors;
    private int retries;

    @Inject
    public ExactlyOnceLocalDelivery(UsersRepository usersRepository, @Named("mailboxmanager") MailboxManager mailboxManager,
                                    MetricFactory metricFactory, DeliveryJournal journal, InterruptedDeliveryRepair repair) {
        this.usersRepository = usersRepository;
        this.mailboxManager = mailboxManager;
        this.metricFactory = metricFactory;
        this.journal = journal;
        this.repair = repair;
    }

    @Override
    public void init() throws MessagingException {
        store = mailStore();
        consume = getInitParameter("consume", true);
        ignoreErrors = "ignore".equalsIgnoreCase(getInitParameter("onMailetException", Mail.ERROR).trim());
        retries = MailetUtil.getInitParameterAsInteger(getInitParameter("retries"), Optional.of(MailDispatcher.RETRIES));
        if (retries < 0) {
            throw new MessagingException("retries: must be 0 or more, got " + retries);
        }
    }

    /** Where each recipient's message is stored: its INBOX (or directed folder), exactly once. */
    MailStore mailStore() {
        SimpleMailStore inbox = SimpleMailStore.builder()
            .mailboxAppender(new MailboxAppenderImpl(mailboxManager))
            .usersRepository(usersRepository)
            .folder(MailboxConstants.INBOX)
            .metric(metricFactory.generate(METRIC_NAME))
            .build();
        return new ExactlyOnceMailStore(inbox, journal, new TargetFolderDeliveredMessageFinder(mailboxManager, usersRepository), repair);
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        // Replaces any such header from outside: the value must be ours to be trusted after a crash.
        mail.getMessage().setHeader(DeliveryId.HEADER, DeliveryId.of(mail));
        Set<MailAddress> served = ConcurrentHashMap.newKeySet();
        MailDispatcher dispatcher = MailDispatcher.builder()
            .mailStore((recipient, toStore) -> Mono.from(store.storeMail(recipient, toStore)).doOnSuccess(stored -> served.add(recipient)))
            .consume(consume)
            // Thrown on, the failure reaches the mailet container, which moves the mail to onMailetException's
            // processor with it.
            .onMailetException(ignoreErrors ? "ignore" : "propagate")
            .retries(retries)
            .mailetContext(getMailetContext())
            .build();
        try {
            dispatcher.dispatch(mail);
        } catch (MessagingException | RuntimeException failure) {
            mail.setRecipients(mail.getRecipients().stream().filter(recipient -> !served.contains(recipient)).toList());
            throw failure;
        }
    }

    @Override
    public String getMailetInfo() {
        return "Exactly-once local delivery";
    }
}
