package io.extremail.cassandra.delivery;

import static com.datastax.oss.driver.api.core.type.DataTypes.TEXT;

import org.apache.james.backends.cassandra.components.CassandraModule;

/** Table of {@link CassandraDeliveryJournal}. Rows expire: a queue never redelivers a mail that old. */
public interface CassandraDeliveryJournalModule {
    String TABLE = "delivery_journal";
    String DELIVERY_ID = "delivery_id";
    String RECIPIENT = "recipient";
    int TIME_TO_LIVE_SECONDS = 14 * 24 * 3600;

    CassandraModule MODULE = CassandraModule.table(TABLE)
        .comment("Local deliveries started per queued mail and recipient, to deliver exactly once after a crash.")
        .options(options -> options.withDefaultTimeToLiveSeconds(TIME_TO_LIVE_SECONDS))
        .statement(statement -> types -> statement
            .withPartitionKey(DELIVERY_ID, TEXT)
            .withClusteringColumn(RECIPIENT, TEXT))
        .build();
}
