package io.extremail.cassandra;

import java.io.File;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;

import org.apache.james.backends.cassandra.init.KeyspaceFactory;
import org.apache.james.backends.cassandra.init.configuration.ClusterConfiguration;
import org.apache.james.util.Host;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.internal.core.config.typesafe.DefaultDriverConfigLoader;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

/**
 * Opens the server's {@link CqlSession}. Replaces James's {@code ClusterFactory}, whose liveness query uses
 * {@code dateof()}, a function Cassandra 5 removed. Fails fast, naming the setting, when a node name does not
 * resolve, and retries a bounded number of times while a node that resolves does not answer yet.
 */
public class CassandraSessionFactory {
    private static final Logger LOGGER = LoggerFactory.getLogger(CassandraSessionFactory.class);
    private static final String LIVENESS_QUERY = "SELECT release_version FROM system.local";
    /**
     * QUORUM rather than the driver's LOCAL_ONE: on a cluster with replicas, a read then sees every write acknowledged
     * before it, which James's mailbox relies on (and which lets cassandra.properties do without SERIAL reads).
     * One node (the embedded one): QUORUM is that node, so it costs nothing.
     */
    static final String DEFAULTS = "datastax-java-driver.basic.request.consistency = QUORUM\n"
        + "datastax-java-driver.basic.request.serial-consistency = SERIAL\n";

    private final CassandraSettings settings;
    private final Optional<File> driverConfiguration;

    public CassandraSessionFactory(CassandraSettings settings, Optional<File> driverConfiguration) {
        this.settings = settings;
        this.driverConfiguration = driverConfiguration;
    }

    public CqlSession open() {
        ClusterConfiguration cluster = settings.cluster();
        cluster.getHosts().forEach(CassandraSessionFactory::checkResolvable);
        try (CqlSession withoutKeyspace = connectWithRetries(Optional.empty())) {
            ensureKeyspace(withoutKeyspace);
        }
        return connectWithRetries(Optional.of(settings.keyspace().getKeyspace()));
    }

    private void ensureKeyspace(CqlSession session) {
        String keyspace = settings.keyspace().getKeyspace();
        if (KeyspaceFactory.keyspaceExist(session, keyspace)) {
            return;
        }
        if (!settings.cluster().shouldCreateKeyspace()) {
            throw new InvalidCassandraSettingException(CassandraSettings.KEYSPACE,
                "keyspace '" + keyspace + "' does not exist; create it or set cassandra.keyspace.create=true");
        }
        LOGGER.info("Creating keyspace {} (replication factor {})", keyspace, settings.keyspace().getReplicationFactor());
        KeyspaceFactory.createKeyspace(settings.keyspace(), session).block();
    }

    private CqlSession connectWithRetries(Optional<String> keyspace) {
        ClusterConfiguration cluster = settings.cluster();
        int attempts = Math.max(1, cluster.getMaxRetry());
        Duration delay = Duration.ofMillis(Math.max(100, cluster.getMinDelay()));
        RuntimeException last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                return connect(keyspace);
            } catch (RuntimeException e) {
                last = e;
                LOGGER.warn("Cassandra at {} not reachable (attempt {}/{}): {}", cluster.getHosts(), attempt, attempts, e.getMessage());
                if (attempt < attempts) {
                    sleep(delay);
                }
            }
        }
        throw new InvalidCassandraSettingException("cassandra.nodes",
            "cannot reach Cassandra at " + cluster.getHosts() + " after " + attempts + " attempts: " + last.getMessage(), last);
    }

    private CqlSession connect(Optional<String> keyspace) {
        ClusterConfiguration cluster = settings.cluster();
        CqlSessionBuilder builder = CqlSession.builder()
            .withLocalDatacenter(cluster.getLocalDC().orElse("datacenter1"));
        builder.withConfigLoader(configLoader());
        cluster.getHosts().forEach(host -> builder.addContactPoint(new InetSocketAddress(host.getHostName(), host.getPort())));
        cluster.getUsername().ifPresent(user -> builder.withAuthCredentials(user, cluster.getPassword().orElse("")));
        keyspace.ifPresent(builder::withKeyspace);
        CqlSession session = builder.build();
        try {
            session.execute(LIVENESS_QUERY);
            return session;
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /**
     * The driver's settings: the operator's file (cassandra.driver.configuration), over {@link #DEFAULTS}, over the
     * driver's own reference.conf.
     */
    private DriverConfigLoader configLoader() {
        return new DefaultDriverConfigLoader(() -> {
            ConfigFactory.invalidateCaches();
            Config operator = driverConfiguration.map(ConfigFactory::parseFile).orElse(ConfigFactory.empty());
            return ConfigFactory.defaultOverrides()
                .withFallback(operator)
                .withFallback(ConfigFactory.parseString(DEFAULTS))
                .withFallback(ConfigFactory.defaultReference(CqlSession.class.getClassLoader()))
                .resolve()
                .getConfig(DefaultDriverConfigLoader.DEFAULT_ROOT_PATH);
        });
    }

    private static void checkResolvable(Host host) {
        try {
            InetAddress.getByName(host.getHostName());
        } catch (UnknownHostException e) {
            throw new InvalidCassandraSettingException("cassandra.nodes", "unknown host '" + host.getHostName() + "'", e);
        }
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Cassandra", e);
        }
    }
}
