package io.extremail.server.cassandra;

import java.io.File;
import java.io.FileNotFoundException;
import java.util.Optional;
import java.util.Set;

import javax.annotation.PreDestroy;
import javax.inject.Inject;
import javax.inject.Named;

import org.apache.commons.configuration2.BaseConfiguration;
import org.apache.commons.configuration2.CompositeConfiguration;
import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.backends.cassandra.components.CassandraModule;
import org.apache.james.backends.cassandra.init.CassandraZonedDateTimeModule;
import org.apache.james.backends.cassandra.init.configuration.CassandraConfiguration;
import org.apache.james.backends.cassandra.init.configuration.KeyspaceConfiguration;
import org.apache.james.backends.cassandra.utils.CassandraHealthCheck;
import org.apache.james.backends.cassandra.versions.CassandraSchemaVersionDAO;
import org.apache.james.backends.cassandra.versions.CassandraSchemaVersionManager;
import org.apache.james.backends.cassandra.versions.CassandraSchemaVersionModule;
import org.apache.james.core.healthcheck.HealthCheck;
import org.apache.james.filesystem.api.JamesDirectoriesProvider;
import org.apache.james.mailbox.store.BatchSizes;
import org.apache.james.utils.PropertiesProvider;

import com.datastax.oss.driver.api.core.CqlSession;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;

import io.extremail.cassandra.CassandraSchemaCreator;
import io.extremail.cassandra.CassandraSessionFactory;
import io.extremail.cassandra.CassandraSettings;

/**
 * The one {@link CqlSession} of the server, opened from {@code conf/cassandra.properties} by our own factory
 * (Cassandra 5 compatible), with every bound {@link CassandraModule}'s tables created before anything uses it.
 */
public class CassandraSessionModule extends AbstractModule {
    private static final String CASSANDRA_FILE = "cassandra";
    private static final String BATCHSIZES_FILE = "batchsizes";
    private static final String COUNTERS_READ_REPAIR_MAX = "mailbox.counters.read.repair.chance.max";
    private static final String COUNTERS_READ_REPAIR_ONE_HUNDRED = "mailbox.counters.read.repair.chance.one.hundred";
    private static final String MESSAGE_WRITE_STRONG_CONSISTENCY = "message.write.strong.consistency.unsafe";

    @Override
    protected void configure() {
        bind(CqlSession.class).toProvider(SessionProvider.class).in(Scopes.SINGLETON);

        Multibinder<CassandraModule> definitions = Multibinder.newSetBinder(binder(), CassandraModule.class);
        definitions.addBinding().toInstance(CassandraZonedDateTimeModule.MODULE);
        definitions.addBinding().toInstance(CassandraSchemaVersionModule.MODULE);

        bind(CassandraSchemaVersionDAO.class).in(Scopes.SINGLETON);
        bind(CassandraSchemaVersionManager.class).in(Scopes.SINGLETON);
        Multibinder.newSetBinder(binder(), HealthCheck.class).addBinding().to(CassandraHealthCheck.class);
    }

    @Provides
    @Singleton
    CassandraModule allTables(Set<CassandraModule> modules) {
        return CassandraModule.aggregateModules(modules);
    }

    @Provides
    @Singleton
    CassandraSettings settings(PropertiesProvider properties) throws ConfigurationException {
        return CassandraSettings.from(cassandraProperties(properties));
    }

    @Provides
    @Singleton
    KeyspaceConfiguration keyspace(CassandraSettings settings) {
        return settings.keyspace();
    }

    /**
     * James's settings from cassandra.properties, except its read repair of counters, which is off: it can lose the
     * count of a message stored while it counts. {@link ReadRepairingMailboxCounterDAO} does it instead, with the
     * configured chances ({@link #counterReadRepairChance}).
     */
    @Provides
    @Singleton
    CassandraConfiguration tuning(PropertiesProvider properties) throws ConfigurationException {
        return CassandraConfiguration.from(forJames(properties, new BaseConfiguration()));
    }

    /** The same, with plain message writes: what {@link PlainInsertImapUidDAO} prepares its inserts from. */
    @Provides
    @Singleton
    @Named(PlainInsertImapUidDAO.PLAIN_WRITES)
    CassandraConfiguration plainMessageWrites(PropertiesProvider properties) throws ConfigurationException {
        BaseConfiguration plainWrites = new BaseConfiguration();
        plainWrites.addProperty(MESSAGE_WRITE_STRONG_CONSISTENCY, false);
        return CassandraConfiguration.from(forJames(properties, plainWrites));
    }

    /** cassandra.properties under the given overrides, and James's counter read repair off. */
    private static Configuration forJames(PropertiesProvider properties, BaseConfiguration overrides)
            throws ConfigurationException {
        overrides.addProperty(COUNTERS_READ_REPAIR_MAX, 0.0);
        overrides.addProperty(COUNTERS_READ_REPAIR_ONE_HUNDRED, 0.0);
        CompositeConfiguration forJames = new CompositeConfiguration();
        forJames.addConfiguration(overrides);
        forJames.addConfiguration(cassandraProperties(properties));
        return forJames;
    }

    @Provides
    @Singleton
    ReadRepairingMailboxCounterDAO.CounterReadRepairChance counterReadRepairChance(PropertiesProvider properties) throws ConfigurationException {
        CassandraConfiguration configured = CassandraConfiguration.from(cassandraProperties(properties));
        return new ReadRepairingMailboxCounterDAO.CounterReadRepairChance(
            configured.getMailboxCountersReadRepairChanceMax(), configured.getMailboxCountersReadRepairChanceOneHundred());
    }

    @Provides
    @Singleton
    BatchSizes batchSizes(PropertiesProvider properties) throws ConfigurationException {
        try {
            Configuration configuration = properties.getConfiguration(BATCHSIZES_FILE);
            return BatchSizes.builder()
                .fetchMetadata(configuration.getInt("fetch.metadata", BatchSizes.DEFAULT_BATCH_SIZE))
                .fetchHeaders(configuration.getInt("fetch.headers", BatchSizes.DEFAULT_BATCH_SIZE))
                .fetchFull(configuration.getInt("fetch.full", BatchSizes.DEFAULT_BATCH_SIZE))
                .copyBatchSize(configuration.getInt("copy", BatchSizes.DEFAULT_BATCH_SIZE))
                .moveBatchSize(configuration.getInt("move", BatchSizes.DEFAULT_BATCH_SIZE))
                .build();
        } catch (FileNotFoundException e) {
            return BatchSizes.defaultValues();
        }
    }

    private static Configuration cassandraProperties(PropertiesProvider properties) throws ConfigurationException {
        try {
            return properties.getConfiguration(CASSANDRA_FILE);
        } catch (FileNotFoundException e) {
            throw new ConfigurationException("conf/cassandra.properties is missing: it names the Cassandra nodes and keyspace");
        }
    }

    /** Opens the session once, creates the missing tables, and closes it when the server stops. */
    static class SessionProvider implements javax.inject.Provider<CqlSession> {
        private final CqlSession session;

        @Inject
        SessionProvider(CassandraSettings settings, CassandraModule allTables, JamesDirectoriesProvider directories) {
            Optional<File> driverConfiguration = settings.driverConfigurationFile()
                .map(name -> new File(directories.getConfDirectory(), name));
            this.session = new CassandraSessionFactory(settings, driverConfiguration).open();
            new CassandraSchemaCreator(allTables).createMissing(session);
        }

        @Override
        public CqlSession get() {
            return session;
        }

        @PreDestroy
        void close() {
            session.close();
        }
    }
}
