package io.extremail.cassandra.events;

import static com.datastax.oss.driver.api.core.type.DataTypes.TEXT;
import static com.datastax.oss.driver.api.core.type.DataTypes.UUID;

import org.apache.james.backends.cassandra.components.CassandraModule;

/** Tables of {@link CassandraEventDeadLetters}: events a mailbox listener failed on, kept for a later redelivery. */
public interface CassandraEventDeadLettersModule {
    String EVENTS_TABLE = "event_dead_letters";
    String GROUPS_TABLE = "event_dead_letter_groups";
    String GROUP = "group_name";
    String INSERTION_ID = "insertion_id";
    String EVENT = "event";

    CassandraModule MODULE = CassandraModule.builder()
        .table(EVENTS_TABLE)
        .comment("Mailbox events a listener group failed to process, by group.")
        .statement(statement -> types -> statement
            .withPartitionKey(GROUP, TEXT)
            .withClusteringColumn(INSERTION_ID, UUID)
            .withColumn(EVENT, TEXT))
        .table(GROUPS_TABLE)
        .comment("Listener groups that have failed events.")
        .statement(statement -> types -> statement
            .withPartitionKey(GROUP, TEXT))
        .build();
}
