package io.extremail.mailets;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.util.DurationParser;
import org.apache.james.util.date.ZonedDateTimeProvider;
import org.apache.james.util.html.HtmlTextExtractor;
import org.apache.james.vacation.api.AccountId;
import org.apache.james.vacation.api.Vacation;
import org.apache.james.vacation.api.VacationRepository;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.extremail.cassandra.autoresponder.AutoresponderReplies;
import io.extremail.mailets.autoresponder.AutoReply;
import io.extremail.mailets.autoresponder.AutomaticMail;

/**
 * Answers mail for local users whose vacation (WebAdmin {@code /vacation/{user}}: enabled, optional start and end
 * dates, subject, text and HTML bodies) is active, following RFC 3834. Replaces James's {@code VacationMailet},
 * which may answer twice when two mails are processed at the same moment and answers bulk and list mail.
 *
 * <p>No reply to: the null sender; mail with {@code Auto-Submitted} other than {@code no}, with
 * {@code Precedence: bulk}, {@code list} or {@code junk}, or with a {@code List-Id} (see {@link AutomaticMail});
 * the user's own address; a user whose vacation is disabled or outside its dates. At most one reply per user and
 * sender per {@code replyInterval}, across threads and servers: the pair is claimed in Cassandra by a lightweight
 * transaction whose row expires after the interval ({@link AutoresponderReplies}). A vacation changed meanwhile
 * reaches a sender already answered only once that sender's interval is over.
 *
 * <p>The reply (see {@link AutoReply}) carries {@code Auto-Submitted: auto-replied} and is sent with the null
 * envelope sender ({@code MAIL FROM:<>}), so no autoresponder, ours or another, ever answers it.
 *
 * <p>The mail itself always goes on unchanged: a failure here (Cassandra unavailable, ...) is logged and
 * costs the reply, never the delivery.
 *
 * <p>Parameter {@code replyInterval} (default {@code 7 days}): a duration such as {@code 12 hours},
 * {@code 7 days}, {@code 2 weeks} (a number alone counts days), from 1 second to 20 years.
 *
 * <pre>{@code
 * <processor state="local-delivery" enableJmx="true">
 *     <mailet match="All" class="io.extremail.mailets.Autoresponder">
 *         <replyInterval>7 days</replyInterval>
 *     </mailet>
 *     <mailet match="All" class="io.extremail.mailets.ExactlyOnceLocalDelivery"/>
 * </processor>
 * }</pre>
 */
public class Autoresponder extends GenericMailet {
    static final String REPLY_INTERVAL = "replyInterval";
    private static final String DEFAULT_REPLY_INTERVAL = "7 days";
    private static final Logger LOGGER = LoggerFactory.getLogger(Autoresponder.class);

    private final VacationRepository vacations;
    private final AutoresponderReplies replies;
    private final ZonedDateTimeProvider now;
    private final HtmlTextExtractor htmlTextExtractor;
    private Duration replyInterval;

    @Inject
    public Autoresponder(VacationRepository vacations, AutoresponderReplies replies, ZonedDateTimeProvider now,
                         HtmlTextExtractor htmlTextExtractor) {
        this.vacations = vacations;
        this.replies = replies;
        this.now = now;
        this.htmlTextExtractor = htmlTextExtractor;
    }

    @Override
    public void init() throws MessagingException {
        replyInterval = parseInterval(getInitParameter(REPLY_INTERVAL, DEFAULT_REPLY_INTERVAL));
    }

    private static Duration parseInterval(String value) throws MessagingException {
        Duration interval;
        try {
            interval = DurationParser.parse(value, ChronoUnit.DAYS);
        } catch (IllegalArgumentException e) { // NumberFormatException included
            throw new MessagingException(REPLY_INTERVAL + ": '" + value
                + "' is not a duration (e.g. '7 days', '12 hours')", e);
        }
        if (interval.compareTo(AutoresponderReplies.MIN_INTERVAL) < 0
            || interval.compareTo(AutoresponderReplies.MAX_INTERVAL) > 0) {
            throw new MessagingException(REPLY_INTERVAL + ": '" + value + "' must be between 1 second and 20 years");
        }
        return interval;
    }

    @Override
    public void service(Mail mail) {
        if (!mail.hasSender() || isAutomatic(mail)) {
            return;
        }
        MailAddress sender = mail.getMaybeSender().get();
        ZonedDateTime date = now.get();
        for (MailAddress user : mail.getRecipients()) {
            if (sameAddress(user, sender)) {
                continue;
            }
            try {
                answer(mail, user, sender, date);
            } catch (Exception e) {
                LOGGER.warn("No autoresponder reply from {} to {} for mail {}", user.asString(), sender.asString(),
                    mail.getName(), e);
            }
        }
    }

    /** Unreadable headers count as automatic: no reply rather than a reply that may loop. */
    private static boolean isAutomatic(Mail mail) {
        try {
            return AutomaticMail.isAutomatic(mail.getMessage());
        } catch (MessagingException e) {
            LOGGER.warn("No autoresponder reply for mail {}: unreadable headers", mail.getName(), e);
            return true;
        }
    }

    private void answer(Mail mail, MailAddress user, MailAddress sender, ZonedDateTime date) throws MessagingException {
        Vacation vacation = vacations.retrieveVacation(AccountId.fromString(user.asString()))
            .defaultIfEmpty(VacationRepository.DEFAULT_VACATION)
            .block();
        // Claimed last: a mail that gets no reply must not use up the sender's interval.
        if (vacation.isActiveAtDate(date) && replies.claim(user, sender, replyInterval).block()) {
            getMailetContext().sendMail(MailAddress.nullSender(), List.of(sender),
                AutoReply.of(mail.getMessage(), user, sender, vacation, htmlTextExtractor));
        }
    }

    private static boolean sameAddress(MailAddress user, MailAddress sender) {
        return user.asString().toLowerCase(Locale.ROOT).equals(sender.asString().toLowerCase(Locale.ROOT));
    }

    @Override
    public String getMailetInfo() {
        return "Autoresponder (RFC 3834)";
    }
}
