package io.extremail.cassandra;

/** A value of {@code conf/cassandra.properties} that cannot work; the message names the key. */
public class InvalidCassandraSettingException extends RuntimeException {
    private final String key;

    public InvalidCassandraSettingException(String key, String problem) {
        super("conf/" + CassandraSettings.FILE_NAME + ": " + key + ": " + problem);
        this.key = key;
    }

    public InvalidCassandraSettingException(String key, String problem, Throwable cause) {
        super("conf/" + CassandraSettings.FILE_NAME + ": " + key + ": " + problem, cause);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
