package io.extremail.cassandra.search;

import static com.datastax.oss.driver.api.core.type.DataTypes.BIGINT;
import static com.datastax.oss.driver.api.core.type.DataTypes.TEXT;
import static com.datastax.oss.driver.api.core.type.DataTypes.TIMEUUID;
import static com.datastax.oss.driver.api.core.type.DataTypes.setOf;

import org.apache.james.backends.cassandra.components.CassandraModule;

/**
 * Tables of {@link SearchIndexDAO}. Every partition is narrow: one per mailbox and word, one per message, and one per
 * mailbox holding only message uids, so no mailbox size makes a partition grow with the size of its mail.
 */
public interface CassandraSearchIndexModule {
    String TERMS_TABLE = "search_terms";
    String MESSAGE_TERMS_TABLE = "search_message_terms";
    String INDEXED_MESSAGES_TABLE = "search_indexed_messages";
    String MAILBOX_ID = "mailbox_id";
    String TERM = "term";
    String UID = "uid";
    String TERMS = "terms";

    CassandraModule MODULE = CassandraModule.builder()
        .table(TERMS_TABLE)
        .comment("Search index: the uids of the messages of a mailbox holding a word.")
        .statement(statement -> types -> statement
            .withPartitionKey(MAILBOX_ID, TIMEUUID)
            .withPartitionKey(TERM, TEXT)
            .withClusteringColumn(UID, BIGINT))
        .table(MESSAGE_TERMS_TABLE)
        .comment("Search index: the words indexed for a message, to remove them when it is expunged.")
        .statement(statement -> types -> statement
            .withPartitionKey(MAILBOX_ID, TIMEUUID)
            .withPartitionKey(UID, BIGINT)
            .withColumn(TERMS, setOf(TEXT)))
        .table(INDEXED_MESSAGES_TABLE)
        .comment("Search index: the indexed messages of a mailbox, to remove them all when it is deleted.")
        .statement(statement -> types -> statement
            .withPartitionKey(MAILBOX_ID, TIMEUUID)
            .withClusteringColumn(UID, BIGINT))
        .build();
}
