package io.extremail.mailets;

import java.util.Optional;

import javax.inject.Inject;
import javax.inject.Named;
import javax.mail.MessagingException;

import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.model.MailboxConstants;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.transport.mailets.delivery.MailDispatcher;
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

/**
 * Delivers a mail into the INBOX of each local recipient (or the folder a storage directive names, see James's
 * {@code WithStorageDirective}), exactly once even when the server is killed between
 * storing the message and acknowledging it to the queue (the queue then delivers the mail again after restart).
 * Works as James's {@code LocalDelivery}, plus a journal of started deliveries in Cassandra and a
 * {@code X-Extremail-Delivery-Id} header on the stored message that identifies the delivery. After such a redelivery
 * the folder's message counts and the user's quota usage are recounted ({@link InterruptedDeliveryRepair}), since
 * the crash may have cut the store between the message and its counts.
 *
 * <p>Parameters, as James's {@code LocalDelivery}:
 * <ul>
 *   <li>{@code consume} (default {@code true}): the mail stops here once delivered;</li>
 *   <li>{@code onMailetException} (default {@code error}): processor for a mail that could not be stored;</li>
 *   <li>{@code retries} (default 5): attempts per recipient on a transient storage error.</li>
 * </ul>
 *
 * <pre>{@code
 * <mailet match="All" class="io.extremail.mailets.ExactlyOnceLocalDelivery">
 *     <retries>5</retries>
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
    private MailDispatcher dispatcher;

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
        SimpleMailStore store = SimpleMailStore.builder()
            .mailboxAppender(new MailboxAppenderImpl(mailboxManager))
            .usersRepository(usersRepository)
            .folder(MailboxConstants.INBOX)
            .metric(metricFactory.generate(METRIC_NAME))
            .build();
        dispatcher = MailDispatcher.builder()
            .mailStore(new ExactlyOnceMailStore(store, journal,
                new TargetFolderDeliveredMessageFinder(mailboxManager, usersRepository), repair))
            .consume(getInitParameter("consume", true))
            .onMailetException(getInitParameter("onMailetException", Mail.ERROR))
            .retries(MailetUtil.getInitParameterAsInteger(getInitParameter("retries"), Optional.of(MailDispatcher.RETRIES)))
            .mailetContext(getMailetContext())
            .build();
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        // Replaces any such header from outside: the value must be ours to be trusted after a crash.
        mail.getMessage().setHeader(DeliveryId.HEADER, DeliveryId.of(mail));
        dispatcher.dispatch(mail);
    }

    @Override
    public String getMailetInfo() {
        return "Exactly-once local delivery";
    }
}
