package io.extremail.server.cassandra;

import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.bindMarker;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.selectFrom;
import static com.datastax.oss.driver.api.querybuilder.relation.Relation.column;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import javax.inject.Inject;
import javax.inject.Singleton;

import org.apache.james.backends.cassandra.utils.CassandraAsyncExecutor;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.cassandra.ids.CassandraId;
import org.apache.james.mailbox.cassandra.mail.CassandraMailboxRecentsDAO;
import org.apache.james.mailbox.cassandra.table.CassandraMailboxRecentsTable;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * James's table of the messages each mailbox still shows as \Recent, read from the lowest UID that can still be
 * there. Every new message adds a row and the next SELECT deletes them all; James reads the whole partition at every
 * SELECT and EXAMINE, so Cassandra walked past the deletion of every row since its last compaction: 76 ms per SELECT
 * after 100,000 new messages. Once this server has deleted every row one of its reads returned, it reads only above
 * the highest of them. The floor is kept in memory, per server: after a restart, or on another node, the first read
 * walks the whole partition again. A message whose row is written only after a read that already returned a higher
 * UID, and deleted by the same SELECT, loses its \Recent flag (IMAP4rev2 dropped that flag); it is never lost itself.
 */
@Singleton
public class FlooredMailboxRecentsDAO extends CassandraMailboxRecentsDAO {
    private static final int MAX_MAILBOXES = 100_000;

    /** What this server's last read of a mailbox returned, and how many of those rows it has deleted since. */
    private record Reading(long highest, int count, AtomicInteger deleted) {
    }

    private final CassandraAsyncExecutor executor;
    private final PreparedStatement readFrom;
    /** Per mailbox: every row below this UID has been deleted by this server. */
    private final Cache<CassandraId, Long> floors = CacheBuilder.newBuilder().maximumSize(MAX_MAILBOXES).build();
    private final Cache<CassandraId, Reading> readings = CacheBuilder.newBuilder().maximumSize(MAX_MAILBOXES).build();

    @Inject
    public FlooredMailboxRecentsDAO(CqlSession session) {
        super(session);
        this.executor = new CassandraAsyncExecutor(session);
        this.readFrom = session.prepare(selectFrom(CassandraMailboxRecentsTable.TABLE_NAME)
            .column(CassandraMailboxRecentsTable.RECENT_MESSAGE_UID)
            .where(column(CassandraMailboxRecentsTable.MAILBOX_ID).isEqualTo(bindMarker(CassandraMailboxRecentsTable.MAILBOX_ID)),
                column(CassandraMailboxRecentsTable.RECENT_MESSAGE_UID).isGreaterThanOrEqualTo(bindMarker(CassandraMailboxRecentsTable.RECENT_MESSAGE_UID)))
            .build());
    }

    @Override
    public Flux<MessageUid> getRecentMessageUidsInMailbox(CassandraId mailboxId) {
        Long floor = floors.getIfPresent(mailboxId);
        Flux<MessageUid> rows = floor == null
            ? super.getRecentMessageUidsInMailbox(mailboxId)
            : executor.executeRows(readFrom.bind()
                    .setUuid(CassandraMailboxRecentsTable.MAILBOX_ID, mailboxId.asUuid())
                    .setLong(CassandraMailboxRecentsTable.RECENT_MESSAGE_UID, floor))
                .map(row -> MessageUid.of(row.getLong(0)));
        return rows.collectList()
            .doOnNext(uids -> remember(mailboxId, uids))
            .flatMapIterable(Function.identity());
    }

    @Override
    public Mono<Void> removeFromRecent(CassandraId mailboxId, MessageUid uid) {
        return super.removeFromRecent(mailboxId, uid)
            .doOnSuccess(done -> deleted(mailboxId, List.of(uid)));
    }

    @Override
    public Mono<Void> removeFromRecent(CassandraId mailboxId, List<MessageUid> uids) {
        return super.removeFromRecent(mailboxId, uids)
            .doOnSuccess(done -> deleted(mailboxId, uids));
    }

    @Override
    public Mono<Void> delete(CassandraId mailboxId) {
        return super.delete(mailboxId)
            .doOnSuccess(done -> {
                floors.invalidate(mailboxId);
                readings.invalidate(mailboxId);
            });
    }

    private void remember(CassandraId mailboxId, List<MessageUid> uids) {
        if (uids.isEmpty()) {
            readings.invalidate(mailboxId);
            return;
        }
        long highest = uids.stream().mapToLong(MessageUid::asLong).max().orElseThrow();
        readings.put(mailboxId, new Reading(highest, uids.size(), new AtomicInteger()));
    }

    private void deleted(CassandraId mailboxId, List<MessageUid> uids) {
        Reading reading = readings.getIfPresent(mailboxId);
        if (reading == null) {
            return;
        }
        int read = (int) uids.stream().filter(uid -> uid.asLong() <= reading.highest()).count();
        if (reading.deleted().addAndGet(read) >= reading.count()) {
            floors.asMap().merge(mailboxId, reading.highest() + 1, Math::max);
            readings.asMap().remove(mailboxId, reading);
        }
    }
}
