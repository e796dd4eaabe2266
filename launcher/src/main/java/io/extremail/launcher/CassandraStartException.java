package io.extremail.launcher;

/** The embedded node did not become ready; the message carries the end of its logs so the cause is visible at once. */
public class CassandraStartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CassandraStartException(String message) {
        super(message);
    }
}
