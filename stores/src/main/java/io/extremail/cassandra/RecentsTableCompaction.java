package io.extremail.cassandra;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;

/**
 * Compacts James's {@code mailboxRecents} table as soon as two of its SSTables overlap (Cassandra 5's unified
 * compaction, scaling parameter N), instead of size-tiered compaction's four. The table holds a row per message no
 * SELECT has seen yet, and the next SELECT deletes them; its deletions are purged at compaction (James sets
 * gc_grace_seconds 0). Left to size-tiered compaction, a mailbox's rows and their deletions sat in different SSTables
 * and every SELECT merged them again: 76 ms of Cassandra time per SELECT after 100,000 new messages, and growing
 * with every message delivered. Applied at every start, to a keyspace created before this change too.
 */
public final class RecentsTableCompaction {
    static final String TABLE = "mailboxrecents";
    static final String UNIFIED = "org.apache.cassandra.db.compaction.UnifiedCompactionStrategy";
    static final String SCALING = "N";

    private static final Logger LOGGER = LoggerFactory.getLogger(RecentsTableCompaction.class);

    private RecentsTableCompaction() {
    }

    public static void apply(CqlSession session, String keyspace) {
        Row table = session.execute("SELECT compaction FROM system_schema.tables WHERE keyspace_name = ? AND table_name = ?",
            keyspace, TABLE).one();
        if (table == null || isApplied(table.getMap("compaction", String.class, String.class))) {
            return;
        }
        session.execute("ALTER TABLE \"" + keyspace + "\"." + TABLE
            + " WITH compaction = {'class': 'UnifiedCompactionStrategy', 'scaling_parameters': '" + SCALING + "'}");
        LOGGER.info("Table {}.{} now compacted by UnifiedCompactionStrategy (scaling_parameters {}): a SELECT no longer "
            + "merges the mailbox's past recent-message rows with their deletions", keyspace, TABLE, SCALING);
    }

    static boolean isApplied(Map<String, String> compaction) {
        return UNIFIED.equals(compaction.get("class")) && SCALING.equals(compaction.get("scaling_parameters"));
    }
}
