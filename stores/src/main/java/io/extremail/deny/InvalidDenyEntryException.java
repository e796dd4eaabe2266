package io.extremail.deny;

/** A deny list value that cannot be a rule of its kind; the message says why, for the operator. */
public class InvalidDenyEntryException extends IllegalArgumentException {
    public InvalidDenyEntryException(String message) {
        super(message);
    }
}
