package io.extremail.smtp;

import java.util.Locale;

/**
 * The DMARC verdict on a message: {@code result} as RFC 7489 names it, the policy its From domain publishes and
 * the disposition applied to this message (the policy, or a less strict one when pct left it out of the sample).
 */
public record DmarcResult(Result result, String fromDomain, DmarcRecord.Policy published, DmarcRecord.Policy disposition, String reason) {
    public enum Result { PASS, FAIL, NONE, TEMPERROR, PERMERROR }

    static DmarcResult without(Result result, String fromDomain, String reason) {
        return new DmarcResult(result, fromDomain, null, DmarcRecord.Policy.NONE, reason);
    }

    /** {@code dmarc=fail (p=reject dis=reject) header.from=example.org}. */
    public String asAuthenticationResult() {
        StringBuilder text = new StringBuilder("dmarc=").append(result.name().toLowerCase(Locale.ROOT));
        if (published != null) {
            text.append(" (p=").append(published.name().toLowerCase(Locale.ROOT))
                .append(" dis=").append(disposition.name().toLowerCase(Locale.ROOT)).append(')');
        } else if (reason != null) {
            text.append(" (").append(reason.replaceAll("[()\\r\\n]", " ").strip()).append(')');
        }
        if (fromDomain != null) {
            text.append(" header.from=").append(fromDomain);
        }
        return text.toString();
    }
}
