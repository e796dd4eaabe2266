package io.extremail.server.cassandra;

import java.util.Set;

import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.tree.ImmutableNode;
import org.apache.james.CoreDataModule;
import org.apache.james.UserEntityValidator;
import org.apache.james.backends.cassandra.components.CassandraModule;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.cassandra.CassandraDomainList;
import org.apache.james.domainlist.cassandra.CassandraDomainListModule;
import org.apache.james.domainlist.lib.DomainListConfiguration;
import org.apache.james.json.DTO;
import org.apache.james.json.DTOModule;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailrepository.api.MailRepositoryFactory;
import org.apache.james.mailrepository.api.MailRepositoryUrlStore;
import org.apache.james.mailrepository.api.Protocol;
import org.apache.james.mailrepository.cassandra.CassandraMailRepository;
import org.apache.james.mailrepository.cassandra.CassandraMailRepositoryFactory;
import org.apache.james.mailrepository.cassandra.CassandraMailRepositoryModule;
import org.apache.james.mailrepository.cassandra.CassandraMailRepositoryUrlModule;
import org.apache.james.mailrepository.cassandra.CassandraMailRepositoryUrlStore;
import org.apache.james.mailrepository.memory.MailRepositoryStoreConfiguration;
import org.apache.james.rrt.api.AliasReverseResolver;
import org.apache.james.rrt.api.CanSendFrom;
import org.apache.james.rrt.api.RecipientRewriteTable;
import org.apache.james.rrt.cassandra.CassandraRRTModule;
import org.apache.james.rrt.cassandra.CassandraRecipientRewriteTable;
import org.apache.james.rrt.lib.AliasReverseResolverImpl;
import org.apache.james.rrt.lib.CanSendFromImpl;
import org.apache.james.server.core.configuration.ConfigurationProvider;
import org.apache.james.sieve.cassandra.CassandraSieveRepository;
import org.apache.james.sieve.cassandra.CassandraSieveRepositoryModule;
import org.apache.james.sieverepository.api.SieveQuotaRepository;
import org.apache.james.sieverepository.api.SieveRepository;
import org.apache.james.user.api.DelegationStore;
import org.apache.james.user.api.DelegationUsernameChangeTaskStep;
import org.apache.james.user.api.UsernameChangeTaskStep;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.cassandra.CassandraDelegationStore;
import org.apache.james.user.cassandra.CassandraRepositoryConfiguration;
import org.apache.james.user.cassandra.CassandraUsersDAO;
import org.apache.james.user.cassandra.CassandraUsersRepositoryModule;
import org.apache.james.user.lib.UsersRepositoryImpl;
import org.apache.james.utils.InitializationOperation;
import org.apache.james.utils.InitilizationOperationBuilder;
import org.apache.james.eventsourcing.eventstore.EventStore;
import org.apache.james.eventsourcing.eventstore.cassandra.CassandraEventStore;
import org.apache.james.eventsourcing.eventstore.cassandra.EventNestedTypes;
import org.apache.james.events.EventDeadLetters;
import org.apache.james.events.EventDeadLettersHealthCheck;
import org.apache.james.core.healthcheck.HealthCheck;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.inject.AbstractModule;
import com.google.inject.Provider;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.Singleton;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.ProvidesIntoSet;
import com.google.inject.name.Names;

import io.extremail.cassandra.events.CassandraEventDeadLetters;
import io.extremail.cassandra.events.CassandraEventDeadLettersModule;

/**
 * Users (virtual hosting: the same name in several domains), domains, the recipient rewrite table (aliases,
 * forwards), Sieve scripts, mail repositories, the event store and event dead letters: all in Cassandra.
 */
public class CassandraDataModule extends AbstractModule {
    private static final String MAIL_REPOSITORY_PROTOCOL = "cassandra";

    @Override
    protected void configure() {
        install(new CoreDataModule());

        bind(CassandraUsersDAO.class).in(Scopes.SINGLETON);
        bind(CachedUsersDAO.class).in(Scopes.SINGLETON);
        bind(UsersRepository.class).to(new TypeLiteral<UsersRepositoryImpl<CachedUsersDAO>>() {});
        bind(CassandraDelegationStore.class).in(Scopes.SINGLETON);
        bind(DelegationStore.class).to(CassandraDelegationStore.class);
        Multibinder.newSetBinder(binder(), UsernameChangeTaskStep.class).addBinding().to(DelegationUsernameChangeTaskStep.class);

        bind(CachedDomainList.class).in(Scopes.SINGLETON);
        bind(CassandraDomainList.class).to(CachedDomainList.class);
        bind(DomainList.class).to(CachedDomainList.class);

        bind(CassandraRecipientRewriteTable.class).in(Scopes.SINGLETON);
        bind(CachedRecipientRewriteTable.class).in(Scopes.SINGLETON);
        bind(RecipientRewriteTable.class).to(CachedRecipientRewriteTable.class);
        bind(AliasReverseResolverImpl.class).in(Scopes.SINGLETON);
        bind(AliasReverseResolver.class).to(AliasReverseResolverImpl.class);
        bind(CanSendFromImpl.class).in(Scopes.SINGLETON);
        bind(CanSendFrom.class).to(CanSendFromImpl.class);

        bind(CassandraMailRepositoryUrlStore.class).in(Scopes.SINGLETON);
        bind(MailRepositoryUrlStore.class).to(CassandraMailRepositoryUrlStore.class);
        Multibinder.newSetBinder(binder(), MailRepositoryFactory.class).addBinding().to(CassandraMailRepositoryFactory.class);
        bind(MailRepositoryStoreConfiguration.Item.class).toProvider(() -> new MailRepositoryStoreConfiguration.Item(
            ImmutableList.of(new Protocol(MAIL_REPOSITORY_PROTOCOL)),
            CassandraMailRepository.class.getName(),
            new org.apache.commons.configuration2.BaseHierarchicalConfiguration()));

        bind(CassandraSieveRepository.class).in(Scopes.SINGLETON);
        bind(SieveRepository.class).to(CassandraSieveRepository.class);
        bind(SieveQuotaRepository.class).to(CassandraSieveRepository.class);

        bind(CassandraEventStore.class).in(Scopes.SINGLETON);
        bind(EventStore.class).to(CassandraEventStore.class);
        bind(new TypeLiteral<Set<DTOModule<?, ? extends DTO>>>() {})
            .annotatedWith(Names.named(EventNestedTypes.EVENT_NESTED_TYPES_INJECTION_NAME))
            .toInstance(ImmutableSet.of());

        bind(CassandraEventDeadLetters.class).in(Scopes.SINGLETON);
        bind(EventDeadLetters.class).to(CassandraEventDeadLetters.class);
        Multibinder.newSetBinder(binder(), HealthCheck.class).addBinding().to(EventDeadLettersHealthCheck.class);

        Multibinder<CassandraModule> tables = Multibinder.newSetBinder(binder(), CassandraModule.class);
        tables.addBinding().toInstance(CassandraUsersRepositoryModule.MODULE);
        tables.addBinding().toInstance(CassandraDomainListModule.MODULE);
        tables.addBinding().toInstance(CassandraRRTModule.MODULE);
        tables.addBinding().toInstance(CassandraMailRepositoryModule.MODULE);
        tables.addBinding().toInstance(CassandraMailRepositoryUrlModule.MODULE);
        tables.addBinding().toInstance(org.apache.james.eventsourcing.eventstore.cassandra.CassandraEventStoreModule.MODULE());
        tables.addBinding().toInstance(CassandraEventDeadLettersModule.MODULE);
        tables.addBinding().toInstance(CassandraSieveRepositoryModule.MODULE);
    }

    @Provides
    @Singleton
    CassandraRepositoryConfiguration passwordHashing(ConfigurationProvider configurationProvider) throws org.apache.commons.configuration2.ex.ConfigurationException {
        return CassandraRepositoryConfiguration.from(configurationProvider.getConfiguration("usersrepository"));
    }

    @Provides
    @Singleton
    UsersRepositoryImpl<CachedUsersDAO> usersRepository(DomainList domainList, CachedUsersDAO dao, UserEntityValidator validator,
                                                        Provider<MailboxManager> mailboxes) {
        UsersRepositoryImpl<CachedUsersDAO> repository = new InboxCreatingUsersRepository(domainList, dao, mailboxes);
        repository.setValidator(validator);
        return repository;
    }

    @ProvidesIntoSet
    InitializationOperation configureUsers(ConfigurationProvider configurationProvider, UsersRepositoryImpl<CachedUsersDAO> users) {
        return InitilizationOperationBuilder
            .forClass(UsersRepositoryImpl.class)
            .init(() -> users.configure(configurationProvider.getConfiguration("usersrepository")));
    }

    @ProvidesIntoSet
    InitializationOperation configureDomains(DomainListConfiguration configuration, CassandraDomainList domains) {
        return InitilizationOperationBuilder
            .forClass(CassandraDomainList.class)
            .init(() -> domains.configure(configuration));
    }

    @ProvidesIntoSet
    InitializationOperation configureRecipientRewriteTable(ConfigurationProvider configurationProvider, CachedRecipientRewriteTable table) {
        return InitilizationOperationBuilder
            .forClass(CachedRecipientRewriteTable.class)
            .init(() -> table.configure(configurationProvider.getConfiguration("recipientrewritetable")));
    }
}
