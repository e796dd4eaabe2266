package io.extremail.server.cassandra;

import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;

import javax.inject.Inject;
import javax.inject.Singleton;

import org.apache.james.backends.cassandra.init.configuration.CassandraConfiguration;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.cassandra.ids.CassandraId;
import org.apache.james.mailbox.cassandra.table.CassandraMessageUidTable;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.store.mail.UidProvider;

import com.datastax.oss.driver.api.core.CqlSession;
import com.google.common.collect.ImmutableList;

import reactor.core.publisher.Mono;

/**
 * Message UIDs from James's {@code messageCounter} table, allocated by {@link MailboxCounters}: one compare-and-set
 * serves every delivery this server makes into a mailbox meanwhile. {@code uid.read.strong.consistency.unsafe} of
 * cassandra.properties chooses whether reading the last UID (SELECT, STATUS) is a SERIAL read.
 */
@Singleton
public class CoalescingUidProvider implements UidProvider {
    private final MailboxCounters counters;
    private final CassandraConfiguration configuration;

    @Inject
    public CoalescingUidProvider(CqlSession session, CassandraConfiguration configuration) {
        this.counters = new MailboxCounters(session, CassandraMessageUidTable.TABLE_NAME,
            CassandraMessageUidTable.MAILBOX_ID, CassandraMessageUidTable.NEXT_UID);
        this.configuration = configuration;
    }

    @Override
    public MessageUid nextUid(Mailbox mailbox) throws MailboxException {
        return nextUid(mailbox.getMailboxId());
    }

    @Override
    public MessageUid nextUid(MailboxId mailboxId) throws MailboxException {
        return nextUidReactive(mailboxId).blockOptional()
            .orElseThrow(() -> new MailboxException("no UID allocated in " + mailboxId));
    }

    @Override
    public Mono<MessageUid> nextUidReactive(MailboxId mailboxId) {
        return counters.allocate(((CassandraId) mailboxId).asUuid(), 1).map(range -> MessageUid.of(range.first()));
    }

    @Override
    public Mono<List<MessageUid>> nextUids(MailboxId mailboxId, int count) {
        return counters.allocate(((CassandraId) mailboxId).asUuid(), count)
            .map(range -> LongStream.rangeClosed(range.first(), range.last()).mapToObj(MessageUid::of)
                .collect(ImmutableList.toImmutableList()));
    }

    @Override
    public Optional<MessageUid> lastUid(Mailbox mailbox) {
        return lastUidReactive(mailbox).block();
    }

    @Override
    public Mono<Optional<MessageUid>> lastUidReactive(Mailbox mailbox) {
        return counters.last(((CassandraId) mailbox.getMailboxId()).asUuid(), configuration.isUidReadStrongConsistency())
            .map(uid -> Optional.of(MessageUid.of(uid)))
            .defaultIfEmpty(Optional.empty());
    }
}
