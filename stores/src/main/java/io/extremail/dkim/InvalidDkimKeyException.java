package io.extremail.dkim;

/** A DKIM key, selector or key size an operator gave that cannot be used; names the field. */
public class InvalidDkimKeyException extends IllegalArgumentException {
    private final String field;

    public InvalidDkimKeyException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
