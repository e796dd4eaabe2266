package io.extremail.server.cassandra;

import javax.inject.Inject;
import javax.inject.Singleton;

import org.apache.james.backends.cassandra.init.configuration.CassandraConfiguration;
import org.apache.james.mailbox.ModSeq;
import org.apache.james.mailbox.cassandra.ids.CassandraId;
import org.apache.james.mailbox.cassandra.table.CassandraMessageModseqTable;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.store.mail.ModSeqProvider;

import com.datastax.oss.driver.api.core.CqlSession;

import reactor.core.publisher.Mono;

/**
 * Mod-sequences (CONDSTORE) from James's {@code modseq} table, allocated by {@link MailboxCounters}: one
 * compare-and-set serves every change this server makes in a mailbox meanwhile, each change still getting a value
 * of its own. {@code uid.read.strong.consistency.unsafe} of cassandra.properties chooses whether reading the highest
 * mod-sequence is a SERIAL read.
 */
@Singleton
public class CoalescingModSeqProvider implements ModSeqProvider {
    private final MailboxCounters counters;
    private final CassandraConfiguration configuration;

    @Inject
    public CoalescingModSeqProvider(CqlSession session, CassandraConfiguration configuration) {
        this.counters = new MailboxCounters(session, CassandraMessageModseqTable.TABLE_NAME,
            CassandraMessageModseqTable.MAILBOX_ID, CassandraMessageModseqTable.NEXT_MODSEQ);
        this.configuration = configuration;
    }

    @Override
    public ModSeq nextModSeq(Mailbox mailbox) throws MailboxException {
        return nextModSeq(mailbox.getMailboxId());
    }

    @Override
    public ModSeq nextModSeq(MailboxId mailboxId) throws MailboxException {
        return nextModSeqReactive(mailboxId).blockOptional()
            .orElseThrow(() -> new MailboxException("no mod-sequence allocated in " + mailboxId));
    }

    @Override
    public Mono<ModSeq> nextModSeqReactive(MailboxId mailboxId) {
        return counters.allocate(((CassandraId) mailboxId).asUuid(), 1).map(range -> ModSeq.of(range.first()));
    }

    @Override
    public ModSeq highestModSeq(Mailbox mailbox) {
        return highestModSeq(mailbox.getMailboxId());
    }

    @Override
    public ModSeq highestModSeq(MailboxId mailboxId) {
        return highest(mailboxId, configuration.isUidReadStrongConsistency()).block();
    }

    @Override
    public Mono<ModSeq> highestModSeqReactive(Mailbox mailbox) {
        return highest(mailbox.getMailboxId(), configuration.isUidReadStrongConsistency());
    }

    private Mono<ModSeq> highest(MailboxId mailboxId, boolean serial) {
        return counters.last(((CassandraId) mailboxId).asUuid(), serial).map(ModSeq::of).defaultIfEmpty(ModSeq.first());
    }
}
