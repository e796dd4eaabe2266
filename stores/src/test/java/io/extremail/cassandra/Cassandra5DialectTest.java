package io.extremail.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.datastax.oss.driver.api.core.type.DataTypes;
import com.datastax.oss.driver.api.querybuilder.SchemaBuilder;

class Cassandra5DialectTest {

    @Test
    void lz4CompressionFromTheQueryBuilderBecomesCassandra5Syntax() {
        String james = SchemaBuilder.createTable("messagev3")
            .withPartitionKey("id", DataTypes.TIMEUUID)
            .withLZ4Compression(8, 1.0)
            .asCql();

        String adapted = Cassandra5Dialect.adapt(james);

        assertThat(james).contains("'chunk_length_kb':8").contains("'crc_check_chance':1.0");
        assertThat(adapted)
            .contains("compression={'class':'LZ4Compressor','chunk_length_in_kb':8}")
            .endsWith(" AND crc_check_chance=1.0")
            .doesNotContain("chunk_length_kb");
    }

    @Test
    void otherOptionsAreKept() {
        String james = SchemaBuilder.createTable("blobs")
            .withPartitionKey("id", DataTypes.TEXT)
            .withCompression("LZ4Compressor", 8, 1.0)
            .withCaching(true, SchemaBuilder.RowsPerPartition.NONE)
            .asCql();

        assertThat(Cassandra5Dialect.adapt(james))
            .contains("chunk_length_in_kb':8}")
            .contains("caching={'keys':'ALL','rows_per_partition':'NONE'}")
            .contains("AND crc_check_chance=1.0");
    }

    @Test
    void statementWithoutCompressionIsUnchanged() {
        String cql = SchemaBuilder.createTable("domains").withPartitionKey("domain", DataTypes.TEXT).asCql();

        assertThat(Cassandra5Dialect.adapt(cql)).isEqualTo(cql);
    }

    @Test
    void onlyTableStatementsAreSchemaStatements() {
        assertThat(Cassandra5Dialect.isSchemaStatement("  CREATE TABLE x (a int PRIMARY KEY)")).isTrue();
        assertThat(Cassandra5Dialect.isSchemaStatement("SELECT * FROM x")).isFalse();
    }
}
