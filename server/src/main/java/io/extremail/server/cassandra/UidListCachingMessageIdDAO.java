package io.extremail.server.cassandra;

import java.util.Arrays;
import java.util.List;

import javax.inject.Inject;
import javax.inject.Singleton;

import org.apache.james.blob.api.BlobId;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.cassandra.ids.CassandraId;
import org.apache.james.mailbox.cassandra.mail.CassandraMailboxCounterDAO;
import org.apache.james.mailbox.cassandra.mail.CassandraMessageIdDAO;
import org.apache.james.mailbox.cassandra.table.CassandraMessageUidTable;

import com.datastax.oss.driver.api.core.CqlSession;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * James's message id table, with the UID lists of big mailboxes kept in memory. Every IMAP SELECT and EXAMINE lists
 * every UID of the mailbox: 100,000 rows read for a mailbox of 100,000 messages, each time. Here a list is kept with
 * its mailbox's last UID and message count, read again (two rows) at every SELECT: the list changes only with one of
 * them (a new message raises the last UID, an expunge lowers the count), so an unchanged pair means an unchanged
 * list, whichever server of the cluster made the changes. A list is kept only when it agrees with the count it was
 * read with (not in the middle of an append or an expunge), and only for mailboxes of {@value #SMALLEST_KEPT}
 * messages or more, up to {@value #MAX_KEPT_UIDS} UIDs in all (8 bytes each).
 */
@Singleton
public class UidListCachingMessageIdDAO extends CassandraMessageIdDAO {
    static final int SMALLEST_KEPT = 1_000;
    static final long MAX_KEPT_UIDS = 4_000_000;

    private record UidList(long lastUid, long count, long[] uids) {
    }

    private final MailboxCounters lastUids;
    private final CassandraMailboxCounterDAO counters;
    private final Cache<CassandraId, UidList> lists = CacheBuilder.newBuilder()
        .maximumWeight(MAX_KEPT_UIDS)
        .<CassandraId, UidList>weigher((mailbox, list) -> list.uids().length)
        .build();

    @Inject
    public UidListCachingMessageIdDAO(CqlSession session, BlobId.Factory blobIdFactory, CassandraMailboxCounterDAO counters) {
        super(session, blobIdFactory);
        this.lastUids = new MailboxCounters(session, CassandraMessageUidTable.TABLE_NAME,
            CassandraMessageUidTable.MAILBOX_ID, CassandraMessageUidTable.NEXT_UID);
        this.counters = counters;
    }

    @Override
    public Flux<MessageUid> listUids(CassandraId mailboxId) {
        Mono<Long> lastUid = lastUids.last(mailboxId.asUuid(), false).defaultIfEmpty(0L);
        Mono<Long> count = counters.countMessagesInMailbox(mailboxId).defaultIfEmpty(0L);
        return Mono.zip(lastUid, count).flatMapMany(state -> {
            UidList kept = lists.getIfPresent(mailboxId);
            if (kept != null && kept.lastUid() == state.getT1() && kept.count() == state.getT2()) {
                return Flux.fromStream(Arrays.stream(kept.uids()).mapToObj(MessageUid::of));
            }
            return super.listUids(mailboxId).collectList()
                .doOnNext(uids -> keep(mailboxId, state.getT1(), state.getT2(), uids))
                .flatMapMany(Flux::fromIterable);
        });
    }

    private void keep(CassandraId mailboxId, long lastUid, long count, List<MessageUid> uids) {
        if (uids.size() >= SMALLEST_KEPT && uids.size() == count) {
            lists.put(mailboxId, new UidList(lastUid, count, uids.stream().mapToLong(MessageUid::asLong).toArray()));
        } else {
            lists.invalidate(mailboxId);
        }
    }
}
