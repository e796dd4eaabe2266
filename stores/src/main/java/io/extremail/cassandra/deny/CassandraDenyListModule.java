package io.extremail.cassandra.deny;

import static com.datastax.oss.driver.api.core.type.DataTypes.TEXT;

import org.apache.james.backends.cassandra.components.CassandraModule;

/** Table of {@link CassandraDenyListStore}: one partition per kind, rules sorted by value. */
public interface CassandraDenyListModule {
    String TABLE = "deny_entries";
    String KIND = "kind";
    String VALUE = "value";

    CassandraModule MODULE = CassandraModule.table(TABLE)
        .comment("eXtremail deny lists (IPIN, IPOUT, DOMAININ, DOMAINOUT, MAILBOXIN, MAILBOXOUT), canonical values.")
        .statement(statement -> types -> statement
            .withPartitionKey(KIND, TEXT)
            .withClusteringColumn(VALUE, TEXT))
        .build();
}
