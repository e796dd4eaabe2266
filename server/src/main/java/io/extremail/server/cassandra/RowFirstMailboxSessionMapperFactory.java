package io.extremail.server.cassandra;

import java.time.Clock;

import javax.inject.Inject;

import org.apache.james.backends.cassandra.init.configuration.CassandraConfiguration;
import org.apache.james.blob.api.BlobStore;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.cassandra.CassandraMailboxSessionMapperFactory;
import org.apache.james.mailbox.cassandra.mail.ACLMapper;
import org.apache.james.mailbox.cassandra.mail.CassandraApplicableFlagDAO;
import org.apache.james.mailbox.cassandra.mail.CassandraAttachmentDAOV2;
import org.apache.james.mailbox.cassandra.mail.CassandraAttachmentMessageIdDAO;
import org.apache.james.mailbox.cassandra.mail.CassandraDeletedMessageDAO;
import org.apache.james.mailbox.cassandra.mail.CassandraFirstUnseenDAO;
import org.apache.james.mailbox.cassandra.mail.CassandraIndexTableHandler;
import org.apache.james.mailbox.cassandra.mail.CassandraMailboxCounterDAO;
import org.apache.james.mailbox.cassandra.mail.CassandraMailboxDAO;
import org.apache.james.mailbox.cassandra.mail.CassandraMailboxPathV3DAO;
import org.apache.james.mailbox.cassandra.mail.CassandraMailboxRecentsDAO;
import org.apache.james.mailbox.cassandra.mail.CassandraMessageDAO;
import org.apache.james.mailbox.cassandra.mail.CassandraMessageDAOV3;
import org.apache.james.mailbox.cassandra.mail.CassandraMessageIdDAO;
import org.apache.james.mailbox.cassandra.mail.CassandraMessageIdToImapUidDAO;
import org.apache.james.mailbox.cassandra.mail.CassandraMessageMapper;
import org.apache.james.mailbox.cassandra.mail.CassandraThreadDAO;
import org.apache.james.mailbox.cassandra.mail.CassandraThreadLookupDAO;
import org.apache.james.mailbox.cassandra.mail.CassandraUserMailboxRightsDAO;
import org.apache.james.mailbox.cassandra.mail.task.RecomputeMailboxCountersService;
import org.apache.james.mailbox.store.BatchSizes;
import org.apache.james.mailbox.store.mail.MailboxMapper;
import org.apache.james.mailbox.store.mail.MessageMapper;
import org.apache.james.mailbox.store.mail.ModSeqProvider;
import org.apache.james.mailbox.store.mail.UidProvider;

import com.datastax.oss.driver.api.core.CqlSession;

import io.extremail.server.search.JustAddedMessages;

/**
 * James's Cassandra mappers, with mailboxes created and renamed by {@link RowFirstMailboxMapper} and messages mapped by
 * {@link ContentRememberingMessageMapper}.
 */
public class RowFirstMailboxSessionMapperFactory extends CassandraMailboxSessionMapperFactory {
    private final RowFirstMailboxMapper mailboxMapper;
    private final ContentRememberingMessageMapper messageMapper;

    @Inject
    public RowFirstMailboxSessionMapperFactory(UidProvider uidProvider, ModSeqProvider modSeqProvider, CqlSession session,
                                               CassandraThreadDAO threadDAO, CassandraThreadLookupDAO threadLookupDAO,
                                               CassandraMessageDAO messageDAO, CassandraMessageDAOV3 messageDAOV3,
                                               CassandraMessageIdDAO messageIdDAO, CassandraMessageIdToImapUidDAO imapUidDAO,
                                               CassandraMailboxCounterDAO mailboxCounterDAO, CassandraMailboxRecentsDAO mailboxRecentsDAO,
                                               CassandraMailboxDAO mailboxDAO, CassandraMailboxPathV3DAO mailboxPathV3DAO,
                                               CassandraFirstUnseenDAO firstUnseenDAO, CassandraApplicableFlagDAO applicableFlagDAO,
                                               CassandraAttachmentDAOV2 attachmentDAOV2, CassandraDeletedMessageDAO deletedMessageDAO,
                                               BlobStore blobStore, CassandraAttachmentMessageIdDAO attachmentMessageIdDAO,
                                               ACLMapper aclMapper, CassandraUserMailboxRightsDAO userMailboxRightsDAO,
                                               RecomputeMailboxCountersService recomputeMailboxCountersService,
                                               CassandraConfiguration cassandraConfiguration, BatchSizes batchSizes, Clock clock,
                                               JustAddedMessages justAdded) {
        super(uidProvider, modSeqProvider, session, threadDAO, threadLookupDAO, messageDAO, messageDAOV3, messageIdDAO,
            imapUidDAO, mailboxCounterDAO, mailboxRecentsDAO, mailboxDAO, mailboxPathV3DAO, firstUnseenDAO, applicableFlagDAO,
            attachmentDAOV2, deletedMessageDAO, blobStore, attachmentMessageIdDAO, aclMapper, userMailboxRightsDAO,
            recomputeMailboxCountersService, cassandraConfiguration, batchSizes, clock);
        this.mailboxMapper = new RowFirstMailboxMapper(super.getMailboxMapper(null), mailboxDAO, mailboxPathV3DAO);
        CassandraIndexTableHandler indexTableHandler = new CassandraIndexTableHandler(mailboxRecentsDAO, mailboxCounterDAO,
            firstUnseenDAO, applicableFlagDAO, deletedMessageDAO);
        this.messageMapper = new ContentRememberingMessageMapper(uidProvider, modSeqProvider,
            super.createAttachmentMapper(null), messageDAO, messageDAOV3, messageIdDAO, imapUidDAO, mailboxCounterDAO,
            mailboxRecentsDAO, applicableFlagDAO, indexTableHandler, firstUnseenDAO, deletedMessageDAO, blobStore,
            cassandraConfiguration, batchSizes, recomputeMailboxCountersService, clock, justAdded);
    }

    @Override
    public CassandraMessageMapper createMessageMapper(MailboxSession session) {
        return messageMapper;
    }

    @Override
    public MessageMapper getMessageMapper(MailboxSession session) {
        return messageMapper;
    }

    @Override
    public MailboxMapper createMailboxMapper(MailboxSession session) {
        return mailboxMapper;
    }

    @Override
    public MailboxMapper getMailboxMapper(MailboxSession session) {
        return mailboxMapper;
    }
}
