package io.extremail.server.cassandra;

import java.time.Clock;
import java.util.List;

import org.apache.james.backends.cassandra.init.configuration.CassandraConfiguration;
import org.apache.james.blob.api.BlobStore;
import org.apache.james.mailbox.cassandra.ids.CassandraId;
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
import org.apache.james.mailbox.cassandra.mail.task.RecomputeMailboxCountersService;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.UpdatedFlags;
import org.apache.james.mailbox.store.BatchSizes;
import org.apache.james.mailbox.store.mail.ModSeqProvider;
import org.apache.james.mailbox.store.mail.UidProvider;

import reactor.core.publisher.Mono;

/**
 * James's Cassandra message mapper, except that a read-write SELECT with no \Recent message to clear writes nothing.
 * James's allocates a new mod-sequence before looking for messages to update: a compare-and-set (a Paxos round,
 * three writes synced to Cassandra's commit log) on every SELECT, and a HIGHESTMODSEQ that grows although nothing
 * changed, which makes CONDSTORE clients resynchronise for nothing.
 */
class EmptyRecentResetSkippingMessageMapper extends CassandraMessageMapper {
    private final CassandraMailboxRecentsDAO recents;

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
    }

    @Override
    public Mono<List<UpdatedFlags>> resetRecentReactive(Mailbox mailbox) {
        // A message delivered after this read stays \Recent for the next SELECT, as with James's own read of the list.
        return recents.getRecentMessageUidsInMailbox((CassandraId) mailbox.getMailboxId())
            .hasElements()
            .flatMap(anyRecent -> anyRecent ? super.resetRecentReactive(mailbox) : Mono.just(List.of()));
    }
}
