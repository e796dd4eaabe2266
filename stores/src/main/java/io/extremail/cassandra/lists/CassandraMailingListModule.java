package io.extremail.cassandra.lists;

import static com.datastax.oss.driver.api.core.type.DataTypes.BIGINT;
import static com.datastax.oss.driver.api.core.type.DataTypes.TEXT;
import static com.datastax.oss.driver.api.core.type.DataTypes.TIMESTAMP;
import static com.datastax.oss.driver.api.core.type.DataTypes.TIMEUUID;
import static com.datastax.oss.driver.api.core.type.DataTypes.setOf;

import org.apache.james.backends.cassandra.components.CassandraModule;

/** Tables of {@link CassandraMailingListStore} and {@link CassandraHeldPostStore}. */
public interface CassandraMailingListModule {
    String LISTS = "mailing_lists";
    String MEMBERS = "mailing_list_members";
    String HELD = "mailing_list_held";

    String ADDRESS = "address";
    String ACCESS = "access";
    String OWNERS = "owners";
    String LIST = "list";
    String MEMBER = "member";
    String ID = "id";
    String SENDER = "sender";
    String SUBJECT = "subject";
    String SIZE = "size";
    String RECEIVED = "received";
    String BLOB_ID = "blob_id";

    CassandraModule MODULE = CassandraModule.builder()
        .table(LISTS)
        .comment("Mailing lists: access (OPEN, MEMBERS, MODERATED) and owners.")
        .statement(statement -> types -> statement
            .withPartitionKey(ADDRESS, TEXT)
            .withColumn(ACCESS, TEXT)
            .withColumn(OWNERS, setOf(TEXT)))
        .table(MEMBERS)
        .comment("Members of each mailing list, one row each: lists of 10,000 members read page by page.")
        .statement(statement -> types -> statement
            .withPartitionKey(LIST, TEXT)
            .withClusteringColumn(MEMBER, TEXT))
        .table(HELD)
        .comment("Posts to moderated lists waiting for an owner; the message is a blob.")
        .statement(statement -> types -> statement
            .withPartitionKey(LIST, TEXT)
            .withClusteringColumn(ID, TIMEUUID)
            .withColumn(SENDER, TEXT)
            .withColumn(SUBJECT, TEXT)
            .withColumn(SIZE, BIGINT)
            .withColumn(RECEIVED, TIMESTAMP)
            .withColumn(BLOB_ID, TEXT))
        .build();
}
