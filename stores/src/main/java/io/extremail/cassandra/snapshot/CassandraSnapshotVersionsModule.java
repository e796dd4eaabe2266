package io.extremail.cassandra.snapshot;

import static com.datastax.oss.driver.api.core.type.DataTypes.TEXT;
import static com.datastax.oss.driver.api.core.type.DataTypes.TIMEUUID;

import org.apache.james.backends.cassandra.components.CassandraModule;

/** Table of {@link SnapshotVersions}: one row per snapshot name. */
public interface CassandraSnapshotVersionsModule {
    String TABLE = "snapshot_versions";
    String NAME = "name";
    String VERSION = "version";

    CassandraModule MODULE = CassandraModule.table(TABLE)
        .comment("eXtremail: a new version each time the data a server holds in memory (e.g. deny lists) changes.")
        .statement(statement -> types -> statement
            .withPartitionKey(NAME, TEXT)
            .withColumn(VERSION, TIMEUUID))
        .build();
}
