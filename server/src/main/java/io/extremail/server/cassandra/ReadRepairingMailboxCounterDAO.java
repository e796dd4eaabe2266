package io.extremail.server.cassandra;

import java.util.concurrent.ThreadLocalRandom;

import javax.inject.Inject;
import javax.inject.Provider;

import org.apache.james.mailbox.cassandra.ids.CassandraId;
import org.apache.james.mailbox.cassandra.mail.CassandraMailboxCounterDAO;
import org.apache.james.mailbox.model.MailboxCounters;

import com.datastax.oss.driver.api.core.CqlSession;

import io.extremail.server.delivery.MailboxRecount;
import reactor.core.publisher.Mono;

/**
 * James's mailbox counter table, plus the read repair of counters configured in cassandra.properties
 * ({@code mailbox.counters.read.repair.chance.*}), done by {@link MailboxRecount}'s quiet-snapshot recount.
 * <p>
 * James 3.8.1's own read repair counts a folder's messages and then stores the difference to the count it read
 * before, while mail keeps arriving: every message stored during the count is lost from the count for good, and a
 * client is then shown fewer messages than the folder holds (bench/run: 14 of 4,000 messages to one user missing
 * from STATUS and SELECT, all 4,000 listed by UID SEARCH). So James's chances are set to 0
 * ({@link CassandraSessionModule}) and the same chance, per read of a folder's counts, starts the recount here.
 * An update of the counts that fails (a Cassandra outage while a message is stored) starts it too, once Cassandra
 * answers again.
 */
public class ReadRepairingMailboxCounterDAO extends CassandraMailboxCounterDAO {
    private final CounterReadRepairChance chance;
    private final Provider<MailboxRecount> recount;

    @Inject
    public ReadRepairingMailboxCounterDAO(CqlSession session, CounterReadRepairChance chance, Provider<MailboxRecount> recount) {
        super(session);
        this.chance = chance;
        this.recount = recount;
    }

    @Override
    public Mono<MailboxCounters> retrieveMailboxCounters(CassandraId mailboxId) {
        return super.retrieveMailboxCounters(mailboxId)
            .doOnNext(counters -> {
                if (chance.of(counters) > ThreadLocalRandom.current().nextDouble()) {
                    recount.get().recountFolderInBackground(mailboxId);
                }
            });
    }

    // James logs a failed count update of a stored or deleted message and goes on: the folder is recounted instead.
    @Override
    public Mono<Void> incrementCount(CassandraId mailboxId) {
        return recountOnFailure(super.incrementCount(mailboxId), mailboxId);
    }

    @Override
    public Mono<Void> decrementCount(CassandraId mailboxId) {
        return recountOnFailure(super.decrementCount(mailboxId), mailboxId);
    }

    @Override
    public Mono<Void> incrementUnseen(CassandraId mailboxId) {
        return recountOnFailure(super.incrementUnseen(mailboxId), mailboxId);
    }

    @Override
    public Mono<Void> decrementUnseen(CassandraId mailboxId) {
        return recountOnFailure(super.decrementUnseen(mailboxId), mailboxId);
    }

    @Override
    public Mono<Void> incrementUnseenAndCount(CassandraId mailboxId) {
        return recountOnFailure(super.incrementUnseenAndCount(mailboxId), mailboxId);
    }

    @Override
    public Mono<Void> incrementUnseenAndCount(CassandraId mailboxId, long count, long unseen) {
        return recountOnFailure(super.incrementUnseenAndCount(mailboxId, count, unseen), mailboxId);
    }

    @Override
    public Mono<Void> decrementUnseenAndCount(CassandraId mailboxId) {
        return recountOnFailure(super.decrementUnseenAndCount(mailboxId), mailboxId);
    }

    private Mono<Void> recountOnFailure(Mono<Void> update, CassandraId mailboxId) {
        return update.doOnError(error -> recount.get().recountFolderOnceReachable(mailboxId));
    }

    /**
     * James's formula: {@code oneHundred * 100 / unseen messages}, at most {@code max}; a few reads of a small
     * mailbox, seldom for a big one, whose recount costs more.
     */
    public record CounterReadRepairChance(double max, double oneHundred) {
        double of(MailboxCounters counters) {
            if (counters.getUnseen() <= 0) {
                return max;
            }
            return Math.min(max, oneHundred * 100.0 / counters.getUnseen());
        }
    }
}
