package io.extremail.cassandra;

import java.util.Optional;

import org.apache.commons.configuration2.BaseConfiguration;
import org.apache.commons.configuration2.Configuration;
import org.apache.james.backends.cassandra.init.configuration.ClusterConfiguration;
import org.apache.james.backends.cassandra.init.configuration.KeyspaceConfiguration;

/**
 * What {@code conf/cassandra.properties} says about the cluster and the keyspace.
 *
 * <p>Cluster keys are James's own ({@code cassandra.nodes}, {@code cassandra.local.dc}, {@code cassandra.user},
 * {@code cassandra.password}, {@code cassandra.keyspace.create}, {@code cassandra.retryConnection.*}); the keyspace
 * keys are {@code cassandra.keyspace}, {@code cassandra.replication.factor} and {@code cassandra.durable.writes}.
 */
public class CassandraSettings {
    public static final String FILE_NAME = "cassandra.properties";
    public static final String KEYSPACE = "cassandra.keyspace";
    public static final String REPLICATION_FACTOR = "cassandra.replication.factor";
    public static final String DURABLE_WRITES = "cassandra.durable.writes";
    public static final String DRIVER_CONFIGURATION = "cassandra.driver.configuration";
    public static final String EMBEDDED = "cassandra.embedded";
    public static final String EMBEDDED_NATIVE_PORT = "cassandra.embedded.nativePort";
    public static final String NODES = "cassandra.nodes";

    private static final String DEFAULT_KEYSPACE = "extremail";

    private final ClusterConfiguration cluster;
    private final KeyspaceConfiguration keyspace;
    private final Optional<String> driverConfigurationFile;

    public CassandraSettings(ClusterConfiguration cluster, KeyspaceConfiguration keyspace, Optional<String> driverConfigurationFile) {
        this.cluster = cluster;
        this.keyspace = keyspace;
        this.driverConfigurationFile = driverConfigurationFile;
    }

    public static CassandraSettings from(Configuration properties) {
        ClusterConfiguration cluster = ClusterConfiguration.from(withEmbeddedNode(properties));
        if (cluster.getHosts().isEmpty()) {
            throw new InvalidCassandraSettingException("cassandra.nodes", "no Cassandra node is configured (expected host[:port],host[:port],...)");
        }
        String keyspaceName = properties.getString(KEYSPACE, DEFAULT_KEYSPACE);
        if (!keyspaceName.matches("[a-zA-Z][a-zA-Z0-9_]{0,47}")) {
            throw new InvalidCassandraSettingException(KEYSPACE, "'" + keyspaceName + "' is not a valid keyspace name (letters, digits, underscores; at most 48)");
        }
        int replicationFactor = positiveInt(properties, REPLICATION_FACTOR, 1);
        boolean durableWrites = properties.getBoolean(DURABLE_WRITES, true);
        KeyspaceConfiguration keyspace = KeyspaceConfiguration.builder()
            .keyspace(keyspaceName)
            .replicationFactor(replicationFactor)
            .durableWrites(durableWrites);
        return new CassandraSettings(cluster, keyspace, Optional.ofNullable(properties.getString(DRIVER_CONFIGURATION, null)));
    }

    /**
     * The embedded node started by bin/extremail listens on 127.0.0.1 at its own port: it is the only contact point
     * then, whatever {@code cassandra.nodes} says, so changing one port cannot leave the server looking elsewhere.
     */
    private static Configuration withEmbeddedNode(Configuration properties) {
        if (!properties.getBoolean(EMBEDDED, true)) {
            return properties;
        }
        int port = positiveInt(properties, EMBEDDED_NATIVE_PORT, 9042);
        if (port > 65535) {
            throw new InvalidCassandraSettingException(EMBEDDED_NATIVE_PORT, "must be a port number (1-65535), got " + port);
        }
        BaseConfiguration embedded = new BaseConfiguration();
        embedded.copy(properties);
        embedded.setProperty(NODES, "127.0.0.1:" + port);
        return embedded;
    }

    private static int positiveInt(Configuration properties, String key, int defaultValue) {
        String value = properties.getString(key, String.valueOf(defaultValue)).trim();
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < 1) {
                throw new InvalidCassandraSettingException(key, "must be at least 1, got " + value);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new InvalidCassandraSettingException(key, "'" + value + "' is not a number");
        }
    }

    public ClusterConfiguration cluster() {
        return cluster;
    }

    public KeyspaceConfiguration keyspace() {
        return keyspace;
    }

    public Optional<String> driverConfigurationFile() {
        return driverConfigurationFile;
    }
}
