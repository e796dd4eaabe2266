package io.extremail.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.james.core.Domain;
import org.apache.james.rrt.api.RecipientRewriteTableConfiguration;
import org.apache.james.rrt.cassandra.CassandraMappingsSourcesDAO;
import org.apache.james.rrt.cassandra.CassandraRecipientRewriteTable;
import org.apache.james.rrt.cassandra.CassandraRecipientRewriteTableDAO;
import org.apache.james.rrt.lib.Mapping;
import org.apache.james.rrt.lib.MappingSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.datastax.oss.driver.api.core.CqlSession;

import io.extremail.server.cassandra.CachedRecipientRewriteTable;

/**
 * The recipient rewrite table as delivery resolves it (mappings in Cassandra 5.0.9, kept in memory a short while):
 * a change made through one server is in force on it at once, and on another server sharing the keyspace once that
 * server's memory of the old mappings has expired.
 */
class CachedRecipientRewriteTableIT {
    private static final Duration TIME_TO_LIVE = Duration.ofSeconds(2);
    private static final Duration EXPIRED_WITH_MARGIN = TIME_TO_LIVE.plusSeconds(5);
    private static final Domain DOMAIN = Domain.of("rrt-cache.example");

    private static CqlSession session;

    @BeforeAll
    static void connect() throws Exception {
        SharedServer.get();
        session = CqlSession.builder()
            .addContactPoint(new InetSocketAddress("127.0.0.1", TestCassandra.nativePort()))
            .withLocalDatacenter("datacenter1")
            .withKeyspace("shared")
            .build();
    }

    @AfterAll
    static void close() {
        session.close();
    }

    @Test
    void aForwardIsInForceAtOnceWhereChangedAndWithinTheTimeToLiveElsewhere() throws Exception {
        CachedRecipientRewriteTable here = server();
        CachedRecipientRewriteTable there = server();
        String user = "user-" + UUID.randomUUID();
        MappingSource source = MappingSource.fromUser(user, DOMAIN);
        Mapping forward = Mapping.forward("target@elsewhere.example");
        assertThat(resolved(there, user)).isEmpty();

        here.addMapping(source, forward);

        assertThat(resolved(here, user)).containsExactly(forward.asString());
        assertThat(resolved(there, user)).as("remembered until it expires").isEmpty();
        Awaitility.await().atMost(EXPIRED_WITH_MARGIN).pollInterval(Duration.ofMillis(100))
            .untilAsserted(() -> assertThat(resolved(there, user)).containsExactly(forward.asString()));

        here.removeMapping(source, forward);

        assertThat(resolved(here, user)).isEmpty();
        Awaitility.await().atMost(EXPIRED_WITH_MARGIN).pollInterval(Duration.ofMillis(100))
            .untilAsserted(() -> assertThat(resolved(there, user)).isEmpty());
    }

    @Test
    void aUserWithoutMappingsGetsItsDomainsAndItsOwnOnceAdded() throws Exception {
        CachedRecipientRewriteTable table = server();
        Domain domain = Domain.of("d-" + UUID.randomUUID() + ".example");
        String user = "user";
        Mapping domainWide = Mapping.address("catch-all@elsewhere.example");
        Mapping own = Mapping.forward("own@elsewhere.example");

        table.addMapping(MappingSource.fromDomain(domain), domainWide);
        assertThat(table.getResolvedMappings(user, domain).asStream().map(Mapping::asString))
            .containsExactly(domainWide.asString());

        table.addMapping(MappingSource.fromUser(user, domain), own);
        assertThat(table.getResolvedMappings(user, domain).asStream().map(Mapping::asString))
            .containsExactly(own.asString());
    }

    private static List<String> resolved(CachedRecipientRewriteTable table, String user) throws Exception {
        return table.getResolvedMappings(user, DOMAIN).asStream().map(Mapping::asString).toList();
    }

    /** A server's table: its own memory, the shared keyspace. James's table is built by Guice in the server, through
     * its package-private constructor; here by reflection, without Guice's setters the server wires to it. */
    private static CachedRecipientRewriteTable server() throws Exception {
        Constructor<CassandraRecipientRewriteTable> constructor = CassandraRecipientRewriteTable.class
            .getDeclaredConstructor(CassandraRecipientRewriteTableDAO.class, CassandraMappingsSourcesDAO.class);
        constructor.setAccessible(true);
        CassandraRecipientRewriteTable cassandra = constructor.newInstance(new CassandraRecipientRewriteTableDAO(session),
            new CassandraMappingsSourcesDAO(session));
        CachedRecipientRewriteTable table = new CachedRecipientRewriteTable(cassandra, TIME_TO_LIVE);
        table.setConfiguration(RecipientRewriteTableConfiguration.DEFAULT_ENABLED);
        return table;
    }
}
