package io.extremail.smtp;

import java.util.Locale;

/**
 * The outcome of checking a message's DKIM signatures (RFC 8601 section 2.7.1): one per passing signature, or one
 * saying why none passed.
 */
public record DkimResult(Result result, String domain, String selector, String reason) {
    public enum Result { PASS, FAIL, NONE, TEMPERROR, PERMERROR }

    /** {@code dkim=pass header.d=example.org header.s=sel1}, or with the failure's reason as a comment. */
    public String asAuthenticationResult() {
        StringBuilder text = new StringBuilder("dkim=").append(result.name().toLowerCase(Locale.ROOT));
        if (reason != null && !reason.isBlank() && result != Result.PASS) {
            text.append(" (").append(reason.replaceAll("[()\\r\\n]", " ").strip()).append(')');
        }
        if (domain != null) {
            text.append(" header.d=").append(domain);
        }
        if (selector != null) {
            text.append(" header.s=").append(selector);
        }
        return text.toString();
    }
}
