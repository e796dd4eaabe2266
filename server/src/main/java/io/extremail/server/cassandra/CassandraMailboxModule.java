package io.extremail.server.cassandra;

import static org.apache.james.modules.Names.MAILBOXMANAGER_NAME;

import javax.inject.Inject;
import javax.inject.Singleton;

import org.apache.james.adapter.mailbox.ACLUsernameChangeTaskStep;
import org.apache.james.adapter.mailbox.DelegationStoreAuthorizator;
import org.apache.james.adapter.mailbox.MailboxUsernameChangeTaskStep;
import org.apache.james.adapter.mailbox.QuotaUsernameChangeTaskStep;
import org.apache.james.adapter.mailbox.UserRepositoryAuthenticator;
import org.apache.james.backends.cassandra.components.CassandraModule;
import org.apache.james.events.EventListener;
import org.apache.james.eventsourcing.Event;
import org.apache.james.eventsourcing.eventstore.cassandra.dto.EventDTO;
import org.apache.james.eventsourcing.eventstore.cassandra.dto.EventDTOModule;
import org.apache.james.mailbox.AttachmentContentLoader;
import org.apache.james.mailbox.AttachmentManager;
import org.apache.james.mailbox.Authenticator;
import org.apache.james.mailbox.Authorizator;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxPathLocker;
import org.apache.james.mailbox.MessageIdManager;
import org.apache.james.mailbox.RightManager;
import org.apache.james.mailbox.SessionProvider;
import org.apache.james.mailbox.SubscriptionManager;
import org.apache.james.mailbox.cassandra.CassandraMailboxManager;
import org.apache.james.mailbox.cassandra.CassandraMailboxSessionMapperFactory;
import org.apache.james.mailbox.cassandra.DeleteMessageListener;
import org.apache.james.mailbox.cassandra.ids.CassandraId;
import org.apache.james.mailbox.cassandra.ids.CassandraMessageId;
import org.apache.james.mailbox.cassandra.mail.ACLMapper;
import org.apache.james.mailbox.cassandra.mail.CassandraACLMapper;
import org.apache.james.mailbox.cassandra.mail.CassandraMailboxCounterDAO;
import org.apache.james.mailbox.cassandra.mail.CassandraMailboxRecentsDAO;
import org.apache.james.mailbox.cassandra.mail.CassandraMessageIdDAO;
import org.apache.james.mailbox.cassandra.mail.CassandraMessageIdToImapUidDAO;
import org.apache.james.mailbox.cassandra.mail.eventsourcing.acl.ACLModule;
import org.apache.james.mailbox.cassandra.modules.CassandraAclModule;
import org.apache.james.mailbox.cassandra.modules.CassandraAnnotationModule;
import org.apache.james.mailbox.cassandra.modules.CassandraApplicableFlagsModule;
import org.apache.james.mailbox.cassandra.modules.CassandraAttachmentModule;
import org.apache.james.mailbox.cassandra.modules.CassandraDeletedMessageModule;
import org.apache.james.mailbox.cassandra.modules.CassandraFirstUnseenModule;
import org.apache.james.mailbox.cassandra.modules.CassandraMailboxCounterModule;
import org.apache.james.mailbox.cassandra.modules.CassandraMailboxRecentsModule;
import org.apache.james.mailbox.cassandra.modules.CassandraMessageModule;
import org.apache.james.mailbox.cassandra.modules.CassandraModSeqModule;
import org.apache.james.mailbox.cassandra.modules.CassandraSubscriptionModule;
import org.apache.james.mailbox.cassandra.modules.CassandraThreadModule;
import org.apache.james.mailbox.cassandra.modules.CassandraUidModule;
import org.apache.james.mailbox.extractor.TextExtractor;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.store.MailboxManagerConfiguration;
import org.apache.james.mailbox.store.MailboxSessionMapperFactory;
import org.apache.james.mailbox.store.NoMailboxPathLocker;
import org.apache.james.mailbox.store.SessionProviderImpl;
import org.apache.james.mailbox.store.StoreAttachmentManager;
import org.apache.james.mailbox.store.StoreMailboxManager;
import org.apache.james.mailbox.store.StoreMessageIdManager;
import org.apache.james.mailbox.store.StoreRightManager;
import org.apache.james.mailbox.store.StoreSubscriptionManager;
import org.apache.james.mailbox.store.event.MailboxAnnotationListener;
import org.apache.james.mailbox.store.extractor.JsoupTextExtractor;
import org.apache.james.mailbox.store.mail.AttachmentMapperFactory;
import org.apache.james.mailbox.store.mail.MailboxMapperFactory;
import org.apache.james.mailbox.store.mail.MessageMapperFactory;
import org.apache.james.mailbox.store.mail.ModSeqProvider;
import org.apache.james.mailbox.store.mail.NaiveThreadIdGuessingAlgorithm;
import org.apache.james.mailbox.store.mail.ThreadIdGuessingAlgorithm;
import org.apache.james.mailbox.store.mail.UidProvider;
import org.apache.james.mailbox.store.search.ListeningMessageSearchIndex;
import org.apache.james.mailbox.store.search.MessageSearchIndex;
import org.apache.james.mailbox.store.search.SimpleMessageSearchIndex;
import org.apache.james.mailbox.store.user.SubscriptionMapperFactory;
import org.apache.james.modules.mailbox.DefaultEventModule;
import org.apache.james.user.api.UsernameChangeTaskStep;
import org.apache.james.utils.MailboxManagerDefinition;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.name.Names;

import io.extremail.cassandra.search.CassandraSearchIndexModule;
import io.extremail.cassandra.search.SearchIndexDAO;
import io.extremail.server.mapping.MappedLoginSessionProvider;
import io.extremail.server.search.CassandraMessageSearchIndex;
import io.extremail.server.search.MessageTermExtractor;
import io.extremail.server.security.ThrottledAuthenticator;

/**
 * Mailboxes and messages in Cassandra (James's Cassandra mailbox library), the in-VM event bus, and IMAP SEARCH
 * answered by {@link CassandraMessageSearchIndex}: a word index in Cassandra, so no external search engine and no
 * per-node index are needed, and a search reads only the messages holding the searched words. Mailboxes are created
 * and renamed by {@link RowFirstMailboxMapper}, in an order James's read repair cannot mistake for a broken mailbox.
 */
public class CassandraMailboxModule extends AbstractModule {

    @Override
    protected void configure() {
        install(new DefaultEventModule());
        install(new CassandraQuotaModule());

        bind(RowFirstMailboxSessionMapperFactory.class).in(Scopes.SINGLETON);
        bind(CassandraMailboxSessionMapperFactory.class).to(RowFirstMailboxSessionMapperFactory.class);
        bind(CassandraMailboxManager.class).in(Scopes.SINGLETON);
        bind(CassandraId.Factory.class).in(Scopes.SINGLETON);
        bind(CassandraMessageId.Factory.class).in(Scopes.SINGLETON);
        bind(StoreSubscriptionManager.class).in(Scopes.SINGLETON);
        bind(StoreAttachmentManager.class).in(Scopes.SINGLETON);
        bind(StoreMessageIdManager.class).in(Scopes.SINGLETON);
        bind(StoreRightManager.class).in(Scopes.SINGLETON);
        bind(SessionProviderImpl.class).in(Scopes.SINGLETON);
        bind(NoMailboxPathLocker.class).in(Scopes.SINGLETON);
        bind(UserRepositoryAuthenticator.class).in(Scopes.SINGLETON);
        bind(DelegationStoreAuthorizator.class).in(Scopes.SINGLETON);
        bind(SimpleMessageSearchIndex.class).in(Scopes.SINGLETON);
        bind(CassandraMessageSearchIndex.class).in(Scopes.SINGLETON);
        bind(SearchIndexDAO.class).in(Scopes.SINGLETON);
        bind(MessageTermExtractor.class).in(Scopes.SINGLETON);
        bind(NaiveThreadIdGuessingAlgorithm.class).in(Scopes.SINGLETON);

        bind(MessageMapperFactory.class).to(CassandraMailboxSessionMapperFactory.class);
        bind(MailboxMapperFactory.class).to(CassandraMailboxSessionMapperFactory.class);
        bind(AttachmentMapperFactory.class).to(CassandraMailboxSessionMapperFactory.class);
        bind(MailboxSessionMapperFactory.class).to(CassandraMailboxSessionMapperFactory.class);
        bind(SubscriptionMapperFactory.class).to(CassandraMailboxSessionMapperFactory.class);
        bind(ACLMapper.class).to(CassandraACLMapper.class);
        // UIDs and mod-sequences without James's read-then-compare-and-set per message (see MailboxCounters).
        bind(ModSeqProvider.class).to(CoalescingModSeqProvider.class);
        bind(UidProvider.class).to(CoalescingUidProvider.class);
        bind(MailboxId.Factory.class).to(CassandraId.Factory.class);
        bind(MessageId.Factory.class).to(CassandraMessageId.Factory.class);
        // Thread ids are not served (no JMAP): skip the thread tables' reads and writes on every delivery.
        bind(ThreadIdGuessingAlgorithm.class).to(NaiveThreadIdGuessingAlgorithm.class);
        bind(SubscriptionManager.class).to(StoreSubscriptionManager.class);
        bind(MailboxPathLocker.class).to(NoMailboxPathLocker.class);
        // SELECT lists every UID of the mailbox: big mailboxes' lists are kept in memory while unchanged.
        bind(UidListCachingMessageIdDAO.class).in(Scopes.SINGLETON);
        bind(CassandraMessageIdDAO.class).to(UidListCachingMessageIdDAO.class);
        bind(FlooredMailboxRecentsDAO.class).in(Scopes.SINGLETON);
        bind(CassandraMailboxRecentsDAO.class).to(FlooredMailboxRecentsDAO.class);
        bind(ReadRepairingMailboxCounterDAO.class).in(Scopes.SINGLETON);
        bind(CassandraMailboxCounterDAO.class).to(ReadRepairingMailboxCounterDAO.class);
        // A message's first row in imapUidTable without a Paxos round; flag changes stay compare-and-sets.
        bind(CassandraMessageIdToImapUidDAO.class).to(PlainInsertImapUidDAO.class);
        // IMAP and POP3 logins, with the failed-login ban (LoginThrottleModule).
        bind(Authenticator.class).to(ThrottledAuthenticator.class);
        bind(Authorizator.class).to(DelegationStoreAuthorizator.class);
        bind(MailboxManager.class).to(CassandraMailboxManager.class);
        bind(StoreMailboxManager.class).to(CassandraMailboxManager.class);
        bind(MessageIdManager.class).to(StoreMessageIdManager.class);
        bind(AttachmentManager.class).to(StoreAttachmentManager.class);
        bind(AttachmentContentLoader.class).to(AttachmentManager.class);
        bind(RightManager.class).to(StoreRightManager.class);
        // Account mapping: extra login names open the session of the mailbox they map to.
        bind(SessionProvider.class).to(MappedLoginSessionProvider.class);
        bind(MessageSearchIndex.class).to(CassandraMessageSearchIndex.class);
        bind(ListeningMessageSearchIndex.class).to(CassandraMessageSearchIndex.class);
        bind(TextExtractor.class).to(JsoupTextExtractor.class);
        bind(MailboxManagerConfiguration.class).toInstance(MailboxManagerConfiguration.DEFAULT);
        bind(MailboxManager.class).annotatedWith(Names.named(MAILBOXMANAGER_NAME)).to(MailboxManager.class);

        Multibinder<CassandraModule> tables = Multibinder.newSetBinder(binder(), CassandraModule.class);
        tables.addBinding().toInstance(CassandraAclModule.MODULE);
        tables.addBinding().toInstance(CassandraAttachmentModule.MODULE);
        tables.addBinding().toInstance(org.apache.james.mailbox.cassandra.modules.CassandraMailboxModule.MODULE);
        tables.addBinding().toInstance(CassandraMessageModule.MODULE);
        tables.addBinding().toInstance(CassandraMailboxCounterModule.MODULE);
        tables.addBinding().toInstance(CassandraAnnotationModule.MODULE);
        tables.addBinding().toInstance(CassandraApplicableFlagsModule.MODULE);
        tables.addBinding().toInstance(CassandraDeletedMessageModule.MODULE);
        tables.addBinding().toInstance(CassandraFirstUnseenModule.MODULE);
        tables.addBinding().toInstance(CassandraMailboxRecentsModule.MODULE);
        tables.addBinding().toInstance(CassandraModSeqModule.MODULE);
        tables.addBinding().toInstance(CassandraSubscriptionModule.MODULE);
        tables.addBinding().toInstance(CassandraUidModule.MODULE);
        tables.addBinding().toInstance(CassandraThreadModule.MODULE);
        tables.addBinding().toInstance(CassandraSearchIndexModule.MODULE);

        Multibinder.newSetBinder(binder(), MailboxManagerDefinition.class).addBinding().to(CassandraMailboxManagerDefinition.class);

        Multibinder.newSetBinder(binder(), EventListener.GroupEventListener.class).addBinding().to(MailboxAnnotationListener.class);
        Multibinder<EventListener.ReactiveGroupEventListener> reactiveListeners =
            Multibinder.newSetBinder(binder(), EventListener.ReactiveGroupEventListener.class);
        reactiveListeners.addBinding().to(DeleteMessageListener.class);
        reactiveListeners.addBinding().to(CassandraMessageSearchIndex.class);
        Multibinder.newSetBinder(binder(), ListeningMessageSearchIndex.SearchOverride.class);
        Multibinder.newSetBinder(binder(), DeleteMessageListener.DeletionCallback.class);

        Multibinder.newSetBinder(binder(), new TypeLiteral<EventDTOModule<? extends Event, ? extends EventDTO>>() {})
            .addBinding().toInstance(ACLModule.ACL_UPDATE);

        Multibinder<UsernameChangeTaskStep> usernameChangeSteps = Multibinder.newSetBinder(binder(), UsernameChangeTaskStep.class);
        usernameChangeSteps.addBinding().to(MailboxUsernameChangeTaskStep.class);
        usernameChangeSteps.addBinding().to(ACLUsernameChangeTaskStep.class);
        usernameChangeSteps.addBinding().to(QuotaUsernameChangeTaskStep.class);
    }

    @Singleton
    private static class CassandraMailboxManagerDefinition extends MailboxManagerDefinition {
        @Inject
        private CassandraMailboxManagerDefinition(CassandraMailboxManager manager) {
            super("cassandra-mailboxmanager", manager);
        }
    }
}
