package io.extremail.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.james.backends.cassandra.components.CassandraModule;
import org.apache.james.backends.cassandra.components.CassandraTable;
import org.apache.james.backends.cassandra.components.CassandraType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.google.inject.Binding;
import com.google.inject.spi.Elements;
import com.google.inject.spi.InstanceBinding;

import io.extremail.server.ExtremailModules;

/**
 * The shared server created its whole schema, James's tables and ours, on the Cassandra 5.0.9 node: every table and
 * type the server's modules declare exists in its keyspace, with options Cassandra 5 accepts.
 */
class SchemaIT {
    private static final String KEYSPACE = "shared";

    private static CassandraModule declared;

    @BeforeAll
    static void startServer() throws Exception {
        SharedServer.get();
        declared = CassandraModule.aggregateModules(declaredModules());
    }

    /** Read from the server's own Guice modules without running them, so a table added there is checked here too. */
    private static Set<CassandraModule> declaredModules() {
        return Elements.getElements(ExtremailModules.STORAGE, ExtremailModules.FEATURES).stream()
            .filter(element -> element instanceof InstanceBinding<?>)
            .map(element -> ((Binding<?>) element))
            .map(binding -> ((InstanceBinding<?>) binding).getInstance())
            .filter(instance -> instance instanceof CassandraModule)
            .map(CassandraModule.class::cast)
            .collect(Collectors.toSet());
    }

    @Test
    void everyDeclaredTableAndTypeExists() {
        Set<String> declaredTables = declared.moduleTables().stream().map(CassandraTable::getName)
            .map(String::toLowerCase).collect(Collectors.toSet());
        Set<String> declaredTypes = declared.moduleTypes().stream().map(CassandraType::getName)
            .map(String::toLowerCase).collect(Collectors.toSet());
        try (CqlSession session = session()) {
            Set<String> tables = names(session, "SELECT table_name FROM system_schema.tables WHERE keyspace_name = ?");
            Set<String> types = names(session, "SELECT type_name FROM system_schema.types WHERE keyspace_name = ?");

            // James's mailbox, users, domains, rewrite table, quota, blob, event store tables, and ours.
            assertThat(declaredTables).contains("messagev3", "mailbox", "user", "domains", "rrt", "blobs",
                "delivery_journal", "event_dead_letters", "deny_entries", "search_terms_v2", "search_message_terms_v2",
                "search_buckets", "autoresponder_replies").hasSizeGreaterThan(40);
            assertThat(tables).containsAll(declaredTables);
            assertThat(types).containsAll(declaredTypes);
        }
    }

    @Test
    void tableOptionsAreInCassandra5Form() {
        try (CqlSession session = session()) {
            for (Row row : session.execute("SELECT table_name, compression FROM system_schema.tables "
                + "WHERE keyspace_name = ?", KEYSPACE)) {
                Map<String, String> compression = row.getMap("compression", String.class, String.class);
                assertThat(compression).as(row.getString("table_name"))
                    .doesNotContainKeys("sstable_compression", "chunk_length_kb", "crc_check_chance");
            }
        }
    }

    private static Set<String> names(CqlSession session, String query) {
        return session.execute(query, KEYSPACE).all().stream().map(row -> row.getString(0)).collect(Collectors.toSet());
    }

    private static CqlSession session() {
        return CqlSession.builder()
            .addContactPoint(new InetSocketAddress("127.0.0.1", TestCassandra.nativePort()))
            .withLocalDatacenter("datacenter1")
            .build();
    }
}
