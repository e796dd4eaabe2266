package io.extremail.cassandra.dkim;

import static com.datastax.oss.driver.api.core.type.DataTypes.BLOB;
import static com.datastax.oss.driver.api.core.type.DataTypes.INT;
import static com.datastax.oss.driver.api.core.type.DataTypes.TEXT;
import static com.datastax.oss.driver.api.core.type.DataTypes.TIMESTAMP;

import org.apache.james.backends.cassandra.components.CassandraModule;

/** Table of {@link CassandraDkimKeyStore}: a partition per domain, a row per selector, the active selector static. */
public interface CassandraDkimKeyModule {
    String TABLE = "dkim_keys";
    String DOMAIN = "domain";
    String SELECTOR = "selector";
    String PRIVATE_KEY = "private_key";
    String PUBLIC_KEY = "public_key";
    String BITS = "bits";
    String CREATED = "created";
    String ACTIVE_SELECTOR = "active_selector";

    CassandraModule MODULE = CassandraModule.table(TABLE)
        .comment("DKIM signing keys per domain and selector (PKCS#8 private, X.509 public), and the selector that signs.")
        .statement(statement -> types -> statement
            .withPartitionKey(DOMAIN, TEXT)
            .withClusteringColumn(SELECTOR, TEXT)
            .withStaticColumn(ACTIVE_SELECTOR, TEXT)
            .withColumn(PRIVATE_KEY, BLOB)
            .withColumn(PUBLIC_KEY, BLOB)
            .withColumn(BITS, INT)
            .withColumn(CREATED, TIMESTAMP))
        .build();
}
