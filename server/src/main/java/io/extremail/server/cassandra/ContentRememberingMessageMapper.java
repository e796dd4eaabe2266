package io.extremail.server.cassandra;

import java.time.Clock;

import org.apache.james.backends.cassandra.init.configuration.CassandraConfiguration;
import org.apache.james.blob.api.BlobStore;
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
import org.apache.james.mailbox.cassandra.mail.task.RecomputeMailboxCountersService;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MessageMetaData;
import org.apache.james.mailbox.store.BatchSizes;
import org.apache.james.mailbox.store.mail.ModSeqProvider;
import org.apache.james.mailbox.store.mail.UidProvider;
import org.apache.james.mailbox.store.mail.model.MailboxMessage;

import io.extremail.server.search.JustAddedMessages;
import reactor.core.publisher.Mono;

/**
 * The message mapper, handing each message it stores to {@link JustAddedMessages}, for the search index to take
 * instead of reading it back from Cassandra.
 */
class ContentRememberingMessageMapper extends RecentResetMessageMapper {
    private final JustAddedMessages justAdded;

    ContentRememberingMessageMapper(UidProvider uidProvider, ModSeqProvider modSeqProvider,
                                    CassandraAttachmentMapper attachmentMapper, CassandraMessageDAO messageDAO,
                                    CassandraMessageDAOV3 messageDAOV3, CassandraMessageIdDAO messageIdDAO,
                                    CassandraMessageIdToImapUidDAO imapUidDAO, CassandraMailboxCounterDAO counterDAO,
                                    CassandraMailboxRecentsDAO recents, CassandraApplicableFlagDAO applicableFlagDAO,
                                    CassandraIndexTableHandler indexTableHandler, CassandraFirstUnseenDAO firstUnseenDAO,
                                    CassandraDeletedMessageDAO deletedMessageDAO, BlobStore blobStore,
                                    CassandraConfiguration configuration, BatchSizes batchSizes,
                                    RecomputeMailboxCountersService recomputeCounters, Clock clock,
                                    JustAddedMessages justAdded) {
        super(uidProvider, modSeqProvider, attachmentMapper, messageDAO, messageDAOV3, messageIdDAO, imapUidDAO,
            counterDAO, recents, applicableFlagDAO, indexTableHandler, firstUnseenDAO, deletedMessageDAO, blobStore,
            configuration, batchSizes, recomputeCounters, clock);
        this.justAdded = justAdded;
    }

    @Override
    public Mono<MessageMetaData> addReactive(Mailbox mailbox, MailboxMessage message) {
        return super.addReactive(mailbox, message)
            .doOnNext(stored -> justAdded.remember(mailbox.getMailboxId(), message));
    }
}
