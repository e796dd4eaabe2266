package io.extremail.cassandra.autoresponder;

import static com.datastax.oss.driver.api.core.type.DataTypes.TEXT;

import org.apache.james.backends.cassandra.components.CassandraModule;

/**
 * Table of {@link CassandraAutoresponderReplies}: one partition per user, one row per answered sender. Each row is
 * written with the reply interval as its time to live, so it vanishes when the sender may be answered again; a
 * vacation changed over WebAdmin therefore reaches earlier senders once their interval is over, never sooner.
 */
public interface CassandraAutoresponderRepliesModule {
    String TABLE = "autoresponder_replies";
    String USERNAME = "username";
    String SENDER = "sender";

    CassandraModule MODULE = CassandraModule.table(TABLE)
        .comment("Senders answered by the autoresponder of each user; rows expire after the reply interval.")
        .statement(statement -> types -> statement
            .withPartitionKey(USERNAME, TEXT)
            .withClusteringColumn(SENDER, TEXT))
        .build();
}
