package io.extremail.server.cassandra;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import javax.mail.Flags;

import org.apache.james.backends.cassandra.init.configuration.CassandraConfiguration;
import org.apache.james.blob.api.BlobStore;
import org.apache.james.mailbox.MessageUid;
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
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.UpdatedFlags;
import org.apache.james.mailbox.store.BatchSizes;
import org.apache.james.mailbox.store.mail.ModSeqProvider;
import org.apache.james.mailbox.store.mail.UidProvider;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * James's Cassandra message mapper, except for the reset of \Recent at a read-write SELECT:
 * <ul>
 * <li>with no \Recent message to clear it writes nothing. James's allocates a new mod-sequence before looking for
 * messages to update: a compare-and-set (a Paxos round, three writes synced to Cassandra's commit log) on every
 * SELECT, and a HIGHESTMODSEQ that grows although nothing changed, which makes CONDSTORE clients resynchronise for
 * nothing;</li>
 * <li>it deletes the rows of {@code mailboxrecents} whose message is no longer \Recent (or gone). A reset cut short
 * between a message's flag update and the deletion of its row (a client that drops a long SELECT cancels it) left
 * such rows for good: James then read them, and each one's message, at every SELECT and counted them as RECENT
 * (15,000 stale rows: 0.4 s per SELECT of a 56,000-message INBOX, against 0.05 s for EXAMINE).</li>
 * </ul>
 */
class EmptyRecentResetSkippingMessageMapper extends CassandraMessageMapper {
    private final CassandraMailboxRecentsDAO recents;
    private final CassandraMessageIdDAO messageIds;
    private final CassandraMessageIdToImapUidDAO imapUids;

    EmptyRecentResetSkippingMessageMapper(UidProvider uidProvider, ModSeqProvider modSeqProvider,
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
        this.recents = recents;
        this.messageIds = messageIdDAO;
        this.imapUids = imapUidDAO;
    }

    @Override
    public Mono<List<UpdatedFlags>> resetRecentReactive(Mailbox mailbox) {
        CassandraId mailboxId = (CassandraId) mailbox.getMailboxId();
        // A message delivered after this read stays \Recent for the next SELECT, as with James's own read of the list.
        return recents.getRecentMessageUidsInMailbox(mailboxId)
            .collectList()
            .flatMap(listed -> listed.isEmpty()
                ? Mono.just(List.<UpdatedFlags>of())
                : super.resetRecentReactive(mailbox)
                    .flatMap(reset -> forgetStaleRows(mailboxId, listed, reset).thenReturn(reset)));
    }

    /**
     * Only rows whose message James's reset did not clear, and that is no longer \Recent in either of James's two
     * message tables (or gone): a read or two each, rare. A message left \Recent in one table only (a reset cut short
     * after the first table) counts as cleared: James's reset retried its compare-and-set at every SELECT in vain.
     */
    private Mono<Void> forgetStaleRows(CassandraId mailboxId, List<MessageUid> listed, List<UpdatedFlags> reset) {
        Set<MessageUid> cleared = reset.stream()
            .filter(flags -> flags.isModifiedToUnset(Flags.Flag.RECENT))
            .map(UpdatedFlags::getUid)
            .collect(Collectors.toSet());
        return Flux.fromIterable(listed)
            .filter(uid -> !cleared.contains(uid))
            .concatMap(uid -> stillRecent(mailboxId, uid)
                .filter(recent -> !recent)
                .map(stale -> uid))
            .collectList()
            .flatMap(stale -> stale.isEmpty() ? Mono.empty() : recents.removeFromRecent(mailboxId, stale));
    }

    private Mono<Boolean> stillRecent(CassandraId mailboxId, MessageUid uid) {
        return messageIds.retrieve(mailboxId, uid)
            .flatMap(row -> row.filter(EmptyRecentResetSkippingMessageMapper::isRecent)
                .map(message -> imapUids.retrieve((CassandraMessageId) message.getComposedMessageId().getComposedMessageId().getMessageId(),
                        Optional.of(mailboxId))
                    .any(EmptyRecentResetSkippingMessageMapper::isRecent))
                .orElse(Mono.just(false)));
    }

    private static boolean isRecent(CassandraMessageMetadata message) {
        return message.getComposedMessageId().getFlags().contains(Flags.Flag.RECENT);
    }
}
