package io.extremail.cassandra.limits;

import static com.datastax.oss.driver.api.core.type.DataTypes.BIGINT;
import static com.datastax.oss.driver.api.core.type.DataTypes.TEXT;

import org.apache.james.backends.cassandra.components.CassandraModule;

/** Table of {@link CassandraSizeLimitStore}: one row per user ({@code user:<name>}) or domain ({@code domain:<name>}). */
public interface CassandraSizeLimitModule {
    String TABLE = "message_size_limits";
    String SCOPE = "scope";
    String MAX_INCOMING = "max_incoming";
    String MAX_OUTGOING = "max_outgoing";

    CassandraModule MODULE = CassandraModule.table(TABLE)
        .comment("Largest incoming and outgoing message per user and per domain, in bytes.")
        .statement(statement -> types -> statement
            .withPartitionKey(SCOPE, TEXT)
            .withColumn(MAX_INCOMING, BIGINT)
            .withColumn(MAX_OUTGOING, BIGINT))
        .build();
}
