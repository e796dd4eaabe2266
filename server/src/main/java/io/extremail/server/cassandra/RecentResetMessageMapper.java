package io.extremail.server.cassandra;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.mail.Flags;

import org.apache.james.backends.cassandra.init.configuration.CassandraConfiguration;
import org.apache.james.blob.api.BlobStore;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.ModSeq;
import org.apache.james.mailbox.cassandra.ids.CassandraId;
import org.apache.james.mailbox.cassandra.ids.CassandraMessageId;
import org.apache.james.mailbox.cassandra.mail.CassandraApplicableFlagDAO;
import org.apache.james.mailbox.cassandra.mail.CassandraAttachmentMapper;
import org.apache.james.mailbox.cassandra.mail.CassandraDeletedMessageDAO;
import org.apache.james.mailbox.cassandra.mail.CassandraFirstUnseenDAO;
import org.apache.james.mailbox.cassandra.mail.CassandraIndexTableHandler;
import org.apache.james.mailbox.cassandra.mail.CassandraMailboxCounterDAO;
import org.apache.james.mailbox.cassandra.mail.CassandraMailboxRecentsDAO;
import org.apache.james.mailbox.cassandra.mail.CassandraMessageDAO;
import org.apache.james.mailbox.cassandra.mail.CassandraMessageDAOV3;
import org.apache.james.mailbox.cassandra.mail.CassandraMessageIdDAO;
import org.apache.james.mailbox.cassandra.mail.CassandraMessageIdToImapUidDAO;
import org.apache.james.mailbox.cassandra.mail.CassandraMessageMapper;
import org.apache.james.mailbox.cassandra.mail.CassandraMessageMetadata;
import org.apache.james.mailbox.cassandra.mail.task.RecomputeMailboxCountersService;
import org.apache.james.mailbox.model.ComposedMessageId;
import org.apache.james.mailbox.model.ComposedMessageIdWithMetaData;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.UpdatedFlags;
import org.apache.james.mailbox.store.BatchSizes;
import org.apache.james.mailbox.store.FlagsUpdateCalculator;
import org.apache.james.mailbox.store.mail.ModSeqProvider;
import org.apache.james.mailbox.store.mail.UidProvider;
import org.apache.james.util.streams.Limit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.collect.ImmutableList;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * James's Cassandra message mapper, with its own reset of \Recent at a read-write SELECT:
 * <ul>
 * <li>with no \Recent message to clear it writes nothing. James's allocates a new mod-sequence before looking for
 * messages to update: a compare-and-set (a Paxos round, three writes synced to Cassandra's commit log) on every
 * SELECT, and a HIGHESTMODSEQ that grows although nothing changed, which makes CONDSTORE clients resynchronise for
 * nothing;</li>
 * <li>it updates {@value #PARALLEL_MESSAGES} messages at a time, and their index rows (the rows of
 * {@code mailboxrecents}) every {@value #CHUNK} messages. James's updates one message after the other when flag
 * changes are compare-and-sets ({@code message.write.strong.consistency.unsafe}), to avoid contention, although each
 * message's compare-and-set is on a partition of its own; it writes the index rows only at the end. The first
 * SELECT after 100,000 messages were copied in took more than 300 s, and a client giving up meanwhile left every row
 * behind. Each message is still one compare-and-set on its mod-sequence, as in James; one that loses to a
 * concurrent flag change is updated again by James's own code, which reads it afresh;</li>
 * <li>it deletes the rows of {@code mailboxrecents} whose message is no longer \Recent (or gone). A reset cut short
 * between a message's flag update and the deletion of its row (a client that drops a long SELECT cancels it) left
 * such rows for good: James then read them, and each one's message, at every SELECT and counted them as RECENT
 * (15,000 stale rows: 0.4 s per SELECT of a 56,000-message INBOX, against 0.05 s for EXAMINE).</li>
 * </ul>
 */
class RecentResetMessageMapper extends CassandraMessageMapper {
    private static final Logger LOGGER = LoggerFactory.getLogger(RecentResetMessageMapper.class);
    /** Compare-and-sets in flight at once: each on a partition of its own, so they do not contend. */
    private static final int PARALLEL_MESSAGES = 8;
    private static final int CHUNK = 1000;
    private static final FlagsUpdateCalculator CLEAR_RECENT =
        new FlagsUpdateCalculator(new Flags(Flags.Flag.RECENT), MessageManager.FlagsUpdateMode.REMOVE);

    private final ModSeqProvider modSeqs;
    private final CassandraMailboxRecentsDAO recents;
    private final CassandraMessageIdDAO messageIds;
    private final CassandraMessageIdToImapUidDAO imapUids;
    private final CassandraIndexTableHandler indexTableHandler;
    /** Mailboxes whose \Recent this server is clearing, each with a token of the reset under way. */
    private final ConcurrentHashMap<CassandraId, Object> resetting = new ConcurrentHashMap<>();

    RecentResetMessageMapper(UidProvider uidProvider, ModSeqProvider modSeqProvider,
                                          CassandraAttachmentMapper attachmentMapper, CassandraMessageDAO messageDAO,
                                          CassandraMessageDAOV3 messageDAOV3, CassandraMessageIdDAO messageIdDAO,
                                          CassandraMessageIdToImapUidDAO imapUidDAO, CassandraMailboxCounterDAO counterDAO,
                                          CassandraMailboxRecentsDAO recents, CassandraApplicableFlagDAO applicableFlagDAO,
                                          CassandraIndexTableHandler indexTableHandler, CassandraFirstUnseenDAO firstUnseenDAO,
                                          CassandraDeletedMessageDAO deletedMessageDAO, BlobStore blobStore,
                                          CassandraConfiguration configuration, BatchSizes batchSizes,
                                          RecomputeMailboxCountersService recomputeCounters, Clock clock) {
        super(uidProvider, modSeqProvider, attachmentMapper, messageDAO, messageDAOV3, messageIdDAO, imapUidDAO,
            counterDAO, recents, applicableFlagDAO, indexTableHandler, firstUnseenDAO, deletedMessageDAO, blobStore,
            configuration, batchSizes, recomputeCounters, clock);
        this.modSeqs = modSeqProvider;
        this.recents = recents;
        this.indexTableHandler = indexTableHandler;
        this.messageIds = messageIdDAO;
        this.imapUids = imapUidDAO;
    }

    /**
     * A second read-write SELECT of a mailbox whose reset is under way on this server clears nothing: the messages
     * being cleared are \Recent for the first session only, as IMAP wants, and the others left \Recent (delivered
     * after the first session listed them) are for the next SELECT. Five clients opening an INBOX of 24,000 new
     * messages at once each raced the first one's compare-and-sets, lost nearly all of them, and did not answer
     * within 300 s (2026-12-07); the first answered in 70 s.
     */
    @Override
    public Mono<List<UpdatedFlags>> resetRecentReactive(Mailbox mailbox) {
        CassandraId mailboxId = (CassandraId) mailbox.getMailboxId();
        return Mono.defer(() -> {
            Object mine = new Object();
            if (resetting.putIfAbsent(mailboxId, mine) != null) {
                return Mono.just(List.<UpdatedFlags>of());
            }
            return reset(mailbox).doFinally(signal -> resetting.remove(mailboxId, mine));
        });
    }

    private Mono<List<UpdatedFlags>> reset(Mailbox mailbox) {
        CassandraId mailboxId = (CassandraId) mailbox.getMailboxId();
        // A message delivered after this read stays \Recent for the next SELECT, as with James's own read of the list.
        return recents.getRecentMessageUidsInMailbox(mailboxId)
            .collectList()
            .flatMap(listed -> listed.isEmpty()
                ? Mono.just(List.<UpdatedFlags>of())
                : clearRecent(mailbox, listed)
                    .flatMap(reset -> forgetStaleRows(mailboxId, listed, reset).thenReturn(reset)));
    }

    private Mono<List<UpdatedFlags>> clearRecent(Mailbox mailbox, List<MessageUid> listed) {
        CassandraId mailboxId = (CassandraId) mailbox.getMailboxId();
        Flux<ComposedMessageIdWithMetaData> stillRecent = Flux.fromIterable(MessageRange.toRanges(listed))
            .concatMap(range -> messageIds.retrieveMessages(mailboxId, range, Limit.unlimited()))
            .map(CassandraMessageMetadata::getComposedMessageId)
            .filter(message -> message.getFlags().contains(Flags.Flag.RECENT));
        return modSeqs.nextModSeqReactive(mailboxId)
            .flatMapMany(modSeq -> stillRecent.buffer(CHUNK)
                .concatMap(chunk -> clearChunk(mailbox, chunk, modSeq)))
            .flatMapIterable(Function.identity())
            .collectList();
    }

    private Mono<List<UpdatedFlags>> clearChunk(Mailbox mailbox, List<ComposedMessageIdWithMetaData> chunk, ModSeq modSeq) {
        CassandraId mailboxId = (CassandraId) mailbox.getMailboxId();
        return Flux.fromIterable(chunk)
            .flatMap(message -> clearOne(message, modSeq), PARALLEL_MESSAGES)
            .collectList()
            .flatMap(cleared -> indexTableHandler.updateIndexOnFlagsUpdate(mailboxId, cleared)
                .onErrorResume(e -> {
                    // As James: the rows left are deleted by a later SELECT (forgetStaleRows).
                    LOGGER.error("Could not update the flag index rows of mailbox {}", mailboxId.serialize(), e);
                    return Mono.empty();
                })
                .then(clearAgain(mailbox, chunk, cleared))
                .map(again -> ImmutableList.<UpdatedFlags>builder().addAll(cleared).addAll(again).build()));
    }

    /** Empty when a concurrent flag change won the compare-and-set. */
    private Mono<UpdatedFlags> clearOne(ComposedMessageIdWithMetaData message, ModSeq modSeq) {
        ComposedMessageId id = message.getComposedMessageId();
        UpdatedFlags updated = UpdatedFlags.builder()
            .uid(id.getUid())
            .messageId(id.getMessageId())
            .modSeq(modSeq)
            .oldFlags(message.getFlags())
            .newFlags(CLEAR_RECENT.buildNewFlags(message.getFlags()))
            .build();
        return imapUids.updateMetadata(id, updated, message.getModSeq())
            .filter(applied -> applied)
            .flatMap(applied -> messageIds.updateMetadata(id, updated).thenReturn(updated));
    }

    /**
     * Messages whose compare-and-set was lost and that are still \Recent, by James's own flag update: it reads them
     * afresh and retries. Those another session cleared meanwhile are left alone: James's update takes a new
     * mod-sequence (a compare-and-set) even when it changes nothing.
     */
    private Mono<List<UpdatedFlags>> clearAgain(Mailbox mailbox, List<ComposedMessageIdWithMetaData> chunk,
                                                List<UpdatedFlags> cleared) {
        if (cleared.size() == chunk.size()) {
            return Mono.just(List.of());
        }
        CassandraId mailboxId = (CassandraId) mailbox.getMailboxId();
        Set<MessageUid> done = cleared.stream().map(UpdatedFlags::getUid).collect(Collectors.toSet());
        return Flux.fromIterable(chunk)
            .map(message -> message.getComposedMessageId().getUid())
            .filter(uid -> !done.contains(uid))
            .flatMapSequential(uid -> stillRecent(mailboxId, uid).filter(recent -> recent).map(recent -> uid),
                PARALLEL_MESSAGES)
            .concatMap(uid -> updateFlagsReactive(mailbox, CLEAR_RECENT, MessageRange.one(uid)))
            .flatMapIterable(Function.identity())
            .collectList();
    }

    /**
     * Only rows whose message the reset did not clear, and that is no longer \Recent in either of James's two
     * message tables (or gone): a read or two each, rare. A message left \Recent in one table only (a reset cut short
     * after the first table) counts as cleared: the reset retried its compare-and-set at every SELECT in vain.
     */
    private Mono<Void> forgetStaleRows(CassandraId mailboxId, List<MessageUid> listed, List<UpdatedFlags> reset) {
        Set<MessageUid> cleared = reset.stream()
            .filter(flags -> flags.isModifiedToUnset(Flags.Flag.RECENT))
            .map(UpdatedFlags::getUid)
            .collect(Collectors.toSet());
        return Flux.fromIterable(listed)
            .filter(uid -> !cleared.contains(uid))
            .flatMap(uid -> stillRecent(mailboxId, uid)
                .filter(recent -> !recent)
                .map(stale -> uid), PARALLEL_MESSAGES)
            .collectList()
            .flatMap(stale -> stale.isEmpty() ? Mono.empty() : recents.removeFromRecent(mailboxId, stale));
    }

    private Mono<Boolean> stillRecent(CassandraId mailboxId, MessageUid uid) {
        return messageIds.retrieve(mailboxId, uid)
            .flatMap(row -> row.filter(RecentResetMessageMapper::isRecent)
                .map(message -> imapUids.retrieve((CassandraMessageId) message.getComposedMessageId().getComposedMessageId().getMessageId(),
                        Optional.of(mailboxId))
                    .any(RecentResetMessageMapper::isRecent))
                .orElse(Mono.just(false)));
    }

    private static boolean isRecent(CassandraMessageMetadata message) {
        return message.getComposedMessageId().getFlags().contains(Flags.Flag.RECENT);
    }
}
