package io.extremail.cassandra.mapping;

import static com.datastax.oss.driver.api.core.type.DataTypes.TEXT;

import org.apache.james.backends.cassandra.components.CassandraModule;

/** Tables of {@link CassandraLoginMappingStore}: login to mailbox for authentication, mailbox to logins for listing. */
public interface CassandraLoginMappingModule {
    String LOGINS = "login_mappings";
    String MAILBOX_LOGINS = "mailbox_logins";
    String LOGIN = "login";
    String MAILBOX = "mailbox";

    CassandraModule MODULE = CassandraModule.builder()
        .table(LOGINS)
        .comment("Account mapping: extra login names, each authenticating as one mailbox.")
        .statement(statement -> types -> statement
            .withPartitionKey(LOGIN, TEXT)
            .withColumn(MAILBOX, TEXT))
        .table(MAILBOX_LOGINS)
        .comment("Account mapping, by mailbox: its extra login names.")
        .statement(statement -> types -> statement
            .withPartitionKey(MAILBOX, TEXT)
            .withClusteringColumn(LOGIN, TEXT))
        .build();
}
