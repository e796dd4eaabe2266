import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;

/**
 * Cassandra's request counts per table since it started, from its virtual tables (system_views): what each delivered
 * message costs Cassandra, counted rather than guessed (bench/workloads.py, cost, takes the difference of two calls).
 * <p>
 * {@code java -cp 'OURS_HOME/lib/*' bench/TableRequests.java HOST:PORT [DATACENTER]} prints one JSON object:
 * {"local_write": {"keyspace.table": count, ...}, "local_read": ..., "coordinator_write": ..., "coordinator_read": ...}.
 * local_* count the row operations the node applied (a batch of 13 rows counts 13, a compare-and-set writes
 * system.paxos), coordinator_* the requests a client sent (a batch counts once per table it touches).
 */
public class TableRequests {
    private static final List<String> VIEWS = List.of("local_write", "local_read", "coordinator_write", "coordinator_read");

    public static void main(String[] args) {
        if (args.length < 1 || !args[0].contains(":")) {
            System.err.println("usage: TableRequests HOST:PORT [DATACENTER]");
            System.exit(2);
        }
        // The driver logs at DEBUG on standard output without a logging configuration: only the result is wanted there.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
            .setLevel(ch.qos.logback.classic.Level.WARN);
        String[] hostAndPort = args[0].split(":");
        String datacenter = args.length > 1 ? args[1] : "datacenter1";
        try (CqlSession session = CqlSession.builder()
                .addContactPoint(new InetSocketAddress(hostAndPort[0], Integer.parseInt(hostAndPort[1])))
                .withLocalDatacenter(datacenter)
                .build()) {
            List<String> views = new ArrayList<>();
            for (String view : VIEWS) {
                List<String> tables = new ArrayList<>();
                for (Row row : session.execute("SELECT keyspace_name, table_name, count FROM system_views." + view + "_latency")) {
                    long count = ((Number) row.getObject("count")).longValue();
                    if (count > 0) {
                        tables.add(String.format("\"%s.%s\": %d", row.getString("keyspace_name"), row.getString("table_name"),
                            count));
                    }
                }
                views.add("\"" + view + "\": {" + String.join(", ", tables) + "}");
            }
            System.out.println("{" + String.join(", ", views) + "}");
        }
    }
}
