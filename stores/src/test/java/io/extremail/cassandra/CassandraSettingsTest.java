package io.extremail.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.commons.configuration2.BaseConfiguration;
import org.apache.commons.configuration2.convert.DefaultListDelimiterHandler;
import org.junit.jupiter.api.Test;

class CassandraSettingsTest {
    @Test
    void embeddedNodeIsReachedAtItsOwnPortWhateverTheNodesSay() {
        BaseConfiguration properties = new BaseConfiguration();
        properties.setProperty("cassandra.embedded", "true");
        properties.setProperty("cassandra.embedded.nativePort", "19042");
        properties.setProperty("cassandra.nodes", "127.0.0.1:9042");

        assertThat(CassandraSettings.from(properties).cluster().getHosts())
            .singleElement().hasToString("127.0.0.1:19042");
    }

    @Test
    void externalClusterIsReachedThroughTheConfiguredNodes() {
        BaseConfiguration properties = new BaseConfiguration();
        // As James loads conf/*.properties: comma separated values are lists.
        properties.setListDelimiterHandler(new DefaultListDelimiterHandler(','));
        properties.setProperty("cassandra.embedded", "false");
        properties.setProperty("cassandra.nodes", "cass1.example:9042,cass2.example:9043");

        assertThat(CassandraSettings.from(properties).cluster().getHosts())
            .extracting(Object::toString).containsExactly("cass1.example:9042", "cass2.example:9043");
    }

    @Test
    void invalidKeyspaceNameIsRefusedNamingTheKey() {
        BaseConfiguration properties = new BaseConfiguration();
        properties.setProperty("cassandra.keyspace", "mail-store");

        assertThatThrownBy(() -> CassandraSettings.from(properties))
            .isInstanceOf(InvalidCassandraSettingException.class)
            .hasMessageContaining("cassandra.properties")
            .hasMessageContaining("cassandra.keyspace")
            .hasMessageContaining("mail-store");
    }

    @Test
    void replicationFactorMustBeAPositiveNumber() {
        BaseConfiguration properties = new BaseConfiguration();
        properties.setProperty("cassandra.replication.factor", "three");

        assertThatThrownBy(() -> CassandraSettings.from(properties))
            .hasMessageContaining("cassandra.replication.factor")
            .hasMessageContaining("'three' is not a number");
    }
}
