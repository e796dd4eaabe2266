package io.extremail.cassandra.copy;

import static com.datastax.oss.driver.api.core.type.DataTypes.BOOLEAN;
import static com.datastax.oss.driver.api.core.type.DataTypes.TEXT;

import org.apache.james.backends.cassandra.components.CassandraModule;

/** Table of {@link CassandraMailCopyStore}. */
public interface CassandraMailCopyModule {
    String TABLE = "mail_copies";
    String USER = "user";
    String TARGET = "target";
    String INCLUDE_SENT = "include_sent";

    CassandraModule MODULE = CassandraModule.table(TABLE)
        .comment("Copy of all received (and optionally sent) mail of a user to another address.")
        .statement(statement -> types -> statement
            .withPartitionKey(USER, TEXT)
            .withColumn(TARGET, TEXT)
            .withColumn(INCLUDE_SENT, BOOLEAN))
        .build();
}
