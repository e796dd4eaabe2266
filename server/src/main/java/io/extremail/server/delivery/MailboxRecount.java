package io.extremail.server.delivery;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.inject.Inject;
import javax.inject.Named;
import javax.mail.Flags;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.core.quota.QuotaCountUsage;
import org.apache.james.core.quota.QuotaSizeUsage;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.ModSeq;
import org.apache.james.mailbox.cassandra.ids.CassandraId;
import org.apache.james.mailbox.cassandra.mail.CassandraMailboxCounterDAO;
import org.apache.james.mailbox.cassandra.mail.CassandraMessageIdDAO;
import org.apache.james.mailbox.model.CurrentQuotas;
import org.apache.james.mailbox.model.MailboxCounters;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.QuotaOperation;
import org.apache.james.mailbox.model.QuotaRoot;
import org.apache.james.mailbox.quota.CurrentQuotaManager;
import org.apache.james.mailbox.quota.UserQuotaRootResolver;
import org.apache.james.mailbox.store.mail.ModSeqProvider;
import org.apache.james.mailbox.store.quota.CurrentQuotaCalculator;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.util.streams.Limit;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.extremail.mailets.delivery.InterruptedDeliveryRepair;
import io.extremail.mailets.delivery.TargetFolder;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.function.Tuple2;
import reactor.util.retry.Retry;

/**
 * After a delivery a crash interrupted: recounts the target folder's message and unseen counts from its messages,
 * and the user's quota usage from all their folders, in the background (the delivery goes on).
 * <p>
 * Other mail may be arriving in that folder meanwhile (the queue redelivers everything at once after a restart), and
 * a message being stored is briefly in its folder but not yet in its counts. So a count is only corrected from a
 * quiet snapshot: the counts and the folder's highest mod-sequence (which every new message or flag change moves)
 * are read, the messages are counted, and after {@link #QUIET} the counts and mod-sequence are read again; only when
 * nothing moved is the difference applied, as an increment (a message counted meanwhile keeps its increment). A busy
 * folder is tried again later, for about ten minutes; after that the read repair of counters
 * ({@link io.extremail.server.cassandra.ReadRepairingMailboxCounterDAO}, chances in cassandra.properties) starts this
 * recount again later. Unlike James's recount tasks and its own read repair, both of which count while mail arrives,
 * this cannot lose a count to a concurrent delivery.
 */
public class MailboxRecount implements InterruptedDeliveryRepair {
    private static final Logger LOGGER = LoggerFactory.getLogger(MailboxRecount.class);
    static final Duration QUIET = Duration.ofSeconds(1);
    /** Waits of 2, 4, 8 ... seconds between attempts, at most {@link #LONGEST_WAIT}: about 10 minutes in all. */
    private static final int ATTEMPTS = 12;
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(75);

    private final MailboxManager mailboxManager;
    private final UsersRepository usersRepository;
    private final ModSeqProvider modSeqs;
    private final CassandraMailboxCounterDAO counters;
    private final CassandraMessageIdDAO messages;
    private final CurrentQuotaCalculator quotaCalculator;
    private final CurrentQuotaManager quotaUsage;
    private final UserQuotaRootResolver quotaRoots;
    /** Folders being recounted: one recount at a time per folder, and the recount's own reads start no other. */
    private final Set<CassandraId> recounting = ConcurrentHashMap.newKeySet();

    @Inject
    public MailboxRecount(@Named("mailboxmanager") MailboxManager mailboxManager, UsersRepository usersRepository,
                          ModSeqProvider modSeqs, CassandraMailboxCounterDAO counters, CassandraMessageIdDAO messages,
                          CurrentQuotaCalculator quotaCalculator, CurrentQuotaManager quotaUsage,
                          UserQuotaRootResolver quotaRoots) {
        this.mailboxManager = mailboxManager;
        this.usersRepository = usersRepository;
        this.modSeqs = modSeqs;
        this.counters = counters;
        this.messages = messages;
        this.quotaCalculator = quotaCalculator;
        this.quotaUsage = quotaUsage;
        this.quotaRoots = quotaRoots;
    }

    @Override
    public Mono<Void> repair(MailAddress recipient, Mail mail) {
        return Mono.fromCallable(() -> usersRepository.getUsername(recipient))
            .doOnNext(username -> recount(username, mail)
                .subscribeOn(Schedulers.boundedElastic())
                .subscribe(
                    done -> { },
                    error -> LOGGER.warn("Left the counts of {}'s mailbox to the read repair of counters: {}", recipient.asString(), error.toString()),
                    () -> LOGGER.info("Recounted {}'s mailbox after an interrupted delivery", recipient.asString())))
            .then();
    }

    /**
     * Recounts a folder's message and unseen counts in the background, from a quiet snapshot: the read repair of
     * counters ({@link io.extremail.server.cassandra.ReadRepairingMailboxCounterDAO}). Nothing when that folder is
     * being recounted already.
     */
    public void recountFolderInBackground(CassandraId folder) {
        exclusively(folder)
            .subscribeOn(Schedulers.boundedElastic())
            .subscribe(
                done -> { },
                error -> LOGGER.info("Folder {}: counts not checked, left to a later read: {}", folder.serialize(), error.toString()));
    }

    /**
     * Recounts a folder whose count update failed (James logs "Failed incrementing email count ... upon save" and
     * goes on: the message is stored, the folder's counts are not, and a client is shown one message fewer). Tried
     * again until Cassandra answers, for about 10 minutes, then left to the read repair.
     */
    public void recountFolderOnceReachable(CassandraId folder) {
        LOGGER.warn("Folder {}: a count update failed; the folder will be recounted once Cassandra answers", folder.serialize());
        Mono.defer(() -> exclusively(folder))
            .retryWhen(Retry.backoff(ATTEMPTS, QUIET.multipliedBy(2)).maxBackoff(LONGEST_WAIT))
            .subscribeOn(Schedulers.boundedElastic())
            .subscribe(
                done -> { },
                error -> LOGGER.warn("Folder {}: counts not checked after a failed update, left to a later read: {}", folder.serialize(), error.toString()));
    }

    private Mono<Void> recount(Username username, Mail mail) {
        MailboxSession session = mailboxManager.createSystemSession(username);
        return Mono.from(mailboxManager.getMailboxReactive(TargetFolder.of(username, mail), session))
            .map(folder -> (CassandraId) folder.getId())
            .flatMap(this::exclusively)
            .then(whenQuiet(recountQuota(quotaRoots.forUser(username), session)));
    }

    /** Two recounts of one folder in the same quiet second would both apply the same difference. */
    private Mono<Void> exclusively(CassandraId folder) {
        return Mono.defer(() -> {
            if (!recounting.add(folder)) {
                return Mono.empty();
            }
            return whenQuiet(recountFolder(folder)).doFinally(signal -> recounting.remove(folder));
        });
    }

    private static Mono<Void> whenQuiet(Mono<Void> recount) {
        return recount.retryWhen(Retry.backoff(ATTEMPTS, QUIET.multipliedBy(2)).maxBackoff(LONGEST_WAIT)
            .filter(Busy.class::isInstance));
    }

    private Mono<Void> recountFolder(CassandraId folder) {
        return folderState(folder).flatMap(before -> counted(folder)
            .delayElement(QUIET)
            .flatMap(counted -> folderState(folder).flatMap(after -> {
                if (!after.equals(before)) {
                    return Mono.error(new Busy());
                }
                long count = counted.getT1() - after.counters().getCount();
                long unseen = counted.getT2() - after.counters().getUnseen();
                if (count == 0 && unseen == 0) {
                    return Mono.empty();
                }
                LOGGER.info("Folder {}: message count {} by {}, unseen {} by {}", folder.serialize(),
                    count > 0 ? "raised" : "lowered", Math.abs(count), unseen > 0 ? "raised" : "lowered", Math.abs(unseen));
                return counters.add(MailboxCounters.builder().mailboxId(folder).count(count).unseen(unseen).build());
            })));
    }

    private record FolderState(ModSeq highestModSeq, MailboxCounters counters) {
    }

    private Mono<FolderState> folderState(CassandraId folder) {
        return Mono.zip(
                Mono.fromCallable(() -> modSeqs.highestModSeq(folder)).subscribeOn(Schedulers.boundedElastic()),
                counters.retrieveMailboxCounters(folder).defaultIfEmpty(MailboxCounters.empty(folder)))
            .map(state -> new FolderState(state.getT1(), state.getT2()));
    }

    /** The folder's messages and unseen messages, as IMAP lists them. */
    private Mono<Tuple2<Long, Long>> counted(CassandraId folder) {
        Mono<Long> all = messages.retrieveMessages(folder, MessageRange.all(), Limit.unlimited()).count();
        Mono<Long> unseen = messages.retrieveMessages(folder, MessageRange.all(), Limit.unlimited())
            .filter(message -> !message.getComposedMessageId().getFlags().contains(Flags.Flag.SEEN))
            .count();
        return Mono.zip(all, unseen);
    }

    private Mono<Void> recountQuota(QuotaRoot root, MailboxSession session) {
        return storedQuota(root).flatMap(before -> quotaCalculator.recalculateCurrentQuotas(root, session)
            .delayElement(QUIET)
            .flatMap(counted -> storedQuota(root).flatMap(after -> {
                if (!Objects.equals(after, before)) {
                    return Mono.error(new Busy());
                }
                long count = counted.count().asLong() - after.count().asLong();
                long size = counted.size().asLong() - after.size().asLong();
                return Mono.when(
                    Mono.from(count > 0 ? quotaUsage.increase(quota(root, count, 0)) : count < 0 ? quotaUsage.decrease(quota(root, -count, 0)) : Mono.empty()),
                    Mono.from(size > 0 ? quotaUsage.increase(quota(root, 0, size)) : size < 0 ? quotaUsage.decrease(quota(root, 0, -size)) : Mono.empty()));
            })));
    }

    private Mono<CurrentQuotas> storedQuota(QuotaRoot root) {
        return Mono.from(quotaUsage.getCurrentQuotas(root)).defaultIfEmpty(CurrentQuotas.emptyQuotas());
    }

    private static QuotaOperation quota(QuotaRoot root, long count, long size) {
        return new QuotaOperation(root, QuotaCountUsage.count(count), QuotaSizeUsage.size(size));
    }

    /** Mail arrived or flags changed while counting: the snapshot is not a quiet one. */
    private static final class Busy extends RuntimeException {
        Busy() {
            super("mail kept arriving", null, false, false);
        }
    }
}
