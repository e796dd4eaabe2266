package io.extremail.cassandra.search;

import static com.datastax.oss.driver.api.core.type.DataTypes.BIGINT;
import static com.datastax.oss.driver.api.core.type.DataTypes.TEXT;
import static com.datastax.oss.driver.api.core.type.DataTypes.TIMEUUID;
import static com.datastax.oss.driver.api.core.type.DataTypes.setOf;

import org.apache.james.backends.cassandra.components.CassandraModule;

/**
 * Tables of {@link SearchIndexDAO}. The words of a mailbox's messages are kept by bucket of
 * {@value SearchIndexDAO#BUCKET_SIZE} uids: every row of one message (its words, its list of words) has the same
 * partition key in both tables, so Cassandra applies them as one mutation, and a partition holds the words of at most
 * that many messages whatever the size of the mailbox. The first version ({@code search_terms},
 * {@code search_message_terms}, {@code search_indexed_messages}) had a partition per mailbox and word: one mutation
 * per distinct word of each message delivered, the largest part of Cassandra's work per delivery.
 */
public interface CassandraSearchIndexModule {
    String TERMS_TABLE = "search_terms_v2";
    String MESSAGE_TERMS_TABLE = "search_message_terms_v2";
    String BUCKETS_TABLE = "search_buckets";
    String MAILBOX_ID = "mailbox_id";
    String BUCKET = "bucket";
    String TERM = "term";
    String UID = "uid";
    String TERMS = "terms";

    CassandraModule MODULE = CassandraModule.builder()
        .table(TERMS_TABLE)
        .comment("Search index: the words of the messages of a mailbox, by bucket of uids, then word.")
        .statement(statement -> types -> statement
            .withPartitionKey(MAILBOX_ID, TIMEUUID)
            .withPartitionKey(BUCKET, BIGINT)
            .withClusteringColumn(TERM, TEXT)
            .withClusteringColumn(UID, BIGINT))
        .table(MESSAGE_TERMS_TABLE)
        .comment("Search index: the words indexed for each message, to remove them when it is expunged; same "
            + "partitions as " + TERMS_TABLE + ".")
        .statement(statement -> types -> statement
            .withPartitionKey(MAILBOX_ID, TIMEUUID)
            .withPartitionKey(BUCKET, BIGINT)
            .withClusteringColumn(UID, BIGINT)
            .withColumn(TERMS, setOf(TEXT)))
        .table(BUCKETS_TABLE)
        .comment("Search index: the buckets of uids of a mailbox holding indexed messages, to search and delete them.")
        .statement(statement -> types -> statement
            .withPartitionKey(MAILBOX_ID, TIMEUUID)
            .withClusteringColumn(BUCKET, BIGINT))
        .build();
}
