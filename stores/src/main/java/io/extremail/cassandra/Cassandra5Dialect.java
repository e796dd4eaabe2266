package io.extremail.cassandra;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites the table DDL that James 3.8.1 builds with driver 4.15's query builder into syntax Cassandra 5 accepts.
 *
 * <p>The query builder renders {@code withLZ4Compression(8, 1.0)} as
 * {@code compression={'class':'LZ4Compressor','chunk_length_kb':8,'crc_check_chance':1.0}}. Cassandra 5 renamed the
 * chunk option to {@code chunk_length_in_kb} and only accepts {@code crc_check_chance} as a table option (since 4.0).
 * Statements without a compression map are returned unchanged.
 */
public final class Cassandra5Dialect {
    private static final Pattern COMPRESSION_MAP = Pattern.compile("compression\\s*=\\s*\\{([^}]*)}", Pattern.CASE_INSENSITIVE);
    private static final Pattern CHUNK_LENGTH_KB = Pattern.compile("'chunk_length_kb'", Pattern.CASE_INSENSITIVE);
    private static final Pattern CRC_CHECK_CHANCE = Pattern.compile("\\s*,?\\s*'crc_check_chance'\\s*:\\s*([0-9.]+)\\s*,?", Pattern.CASE_INSENSITIVE);

    private Cassandra5Dialect() {
    }

    public static boolean isSchemaStatement(String cql) {
        String head = cql.stripLeading().toUpperCase();
        return head.startsWith("CREATE TABLE") || head.startsWith("ALTER TABLE");
    }

    public static String adapt(String cql) {
        Matcher compression = COMPRESSION_MAP.matcher(cql);
        if (!compression.find()) {
            return cql;
        }
        String options = CHUNK_LENGTH_KB.matcher(compression.group(1)).replaceAll("'chunk_length_in_kb'");
        Matcher crc = CRC_CHECK_CHANCE.matcher(options);
        String crcTableOption = "";
        if (crc.find()) {
            crcTableOption = " AND crc_check_chance=" + crc.group(1);
            options = joinWithoutCrc(options, crc);
        }
        String rewritten = cql.substring(0, compression.start()) + "compression={" + options + "}" + cql.substring(compression.end());
        return appendTableOption(rewritten, crcTableOption);
    }

    private static String joinWithoutCrc(String options, Matcher crc) {
        String before = options.substring(0, crc.start());
        String after = options.substring(crc.end());
        if (!before.isBlank() && !after.isBlank()) {
            return before + "," + after;
        }
        return before + after;
    }

    private static String appendTableOption(String cql, String option) {
        String trimmed = cql.stripTrailing();
        if (trimmed.endsWith(";")) {
            return trimmed.substring(0, trimmed.length() - 1) + option + ";";
        }
        return trimmed + option;
    }
}
