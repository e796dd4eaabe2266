package io.extremail.cassandra;

import org.apache.james.backends.cassandra.components.CassandraModule;
import org.apache.james.backends.cassandra.components.CassandraTable;
import org.apache.james.backends.cassandra.components.CassandraType;
import org.apache.james.backends.cassandra.init.CassandraTableManager;
import org.apache.james.backends.cassandra.init.CassandraTypesCreator;
import org.apache.james.backends.cassandra.init.CassandraTypesProvider;
import org.apache.james.backends.cassandra.versions.CassandraSchemaVersionDAO;
import org.apache.james.backends.cassandra.versions.CassandraSchemaVersionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.datastax.oss.driver.api.core.CqlSession;

/**
 * Creates the user types and tables of every {@link CassandraModule} bound in the server (James's and ours) that do not
 * exist yet, in Cassandra 5 syntax. A fresh keyspace is stamped with the newest James schema version, as James does.
 */
public class CassandraSchemaCreator {
    private static final Logger LOGGER = LoggerFactory.getLogger(CassandraSchemaCreator.class);

    private final CassandraModule module;

    public CassandraSchemaCreator(CassandraModule module) {
        this.module = module;
    }

    public void createMissing(CqlSession session) {
        CqlSession schemaSession = new Cassandra5SchemaSession(session);
        boolean typesCreated = new CassandraTypesCreator(module, schemaSession).initializeTypes() == CassandraType.InitializationStatus.FULL;
        boolean tablesCreated = new CassandraTableManager(module, schemaSession)
            .initializeTables(new CassandraTypesProvider(schemaSession)) == CassandraTable.InitializationStatus.FULL;
        if (typesCreated && tablesCreated) {
            LOGGER.info("Created the schema: {} tables, {} types", module.moduleTables().size(), module.moduleTypes().size());
            new CassandraSchemaVersionDAO(session)
                .updateVersion(CassandraSchemaVersionManager.MAX_VERSION)
                .block();
        }
    }
}
