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
