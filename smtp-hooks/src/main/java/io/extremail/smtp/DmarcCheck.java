package io.extremail.smtp;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.IntSupplier;

import com.google.common.net.InternetDomainName;

/**
 * DMARC evaluation (RFC 7489 section 6.6): the From domain's policy is looked up at {@code _dmarc.<domain>}, then at
 * its organizational domain (where {@code sp=} applies); the message passes when a passing DKIM signature or a
 * passing SPF check is for a domain aligned with From (same organizational domain, or the same domain in strict
 * mode). A failing message gets the policy, or the next less strict one when {@code pct} leaves it out of the sample.
 */
final class DmarcCheck {
    private final IntSupplier percentile;

    /** @param percentile 0 to 99, uniformly: the message is sampled when it is below pct */
    DmarcCheck(IntSupplier percentile) {
        this.percentile = percentile;
    }

    DmarcResult evaluate(Optional<String> from, List<DkimResult> dkim, Optional<SpfHook.Check> spf) {
        if (from.isEmpty()) {
            return DmarcResult.without(DmarcResult.Result.NONE, null, "no From domain");
        }
        String fromDomain = from.get().toLowerCase(Locale.ROOT);
        String organizational = organizationalDomain(fromDomain);
        DmarcRecord record;
        boolean atOrganizationalDomain = false;
        try {
            Optional<DmarcRecord> found = policy(fromDomain);
            if (found.isEmpty() && !organizational.equals(fromDomain)) {
                found = policy(organizational);
                atOrganizationalDomain = true;
            }
            if (found.isEmpty()) {
                return DmarcResult.without(DmarcResult.Result.NONE, fromDomain, null);
            }
            record = found.get();
        } catch (TemporaryFailure e) {
            return DmarcResult.without(DmarcResult.Result.TEMPERROR, fromDomain, e.getMessage());
        } catch (IllegalArgumentException e) {
            return DmarcResult.without(DmarcResult.Result.PERMERROR, fromDomain, "invalid DMARC record: " + e.getMessage());
        }

        boolean dkimAligned = dkim.stream().anyMatch(result -> result.result() == DkimResult.Result.PASS
            && aligned(result.domain(), fromDomain, record.strictDkim()));
        boolean spfAligned = spf.filter(check -> check.result() == SpfHook.Result.PASS)
            .filter(check -> aligned(check.domain(), fromDomain, record.strictSpf()))
            .isPresent();
        DmarcRecord.Policy policy = atOrganizationalDomain ? record.subdomainPolicy() : record.policy();
        if (dkimAligned || spfAligned) {
            return new DmarcResult(DmarcResult.Result.PASS, fromDomain, policy, DmarcRecord.Policy.NONE, null);
        }
        DmarcRecord.Policy disposition = percentile.getAsInt() < record.percent() ? policy : policy.lessStrict();
        return new DmarcResult(DmarcResult.Result.FAIL, fromDomain, policy, disposition, null);
    }

    private static Optional<DmarcRecord> policy(String domain) {
        TxtRecords.Answer answer = TxtRecords.lookup("_dmarc." + domain);
        if (answer.status() == TxtRecords.Status.TEMPERROR) {
            throw new TemporaryFailure("DNS lookup of _dmarc." + domain + " failed");
        }
        List<String> records = answer.texts().stream().filter(DmarcRecord::isDmarc).toList();
        // Section 6.6.3: several records, or none, mean no policy.
        return records.size() == 1 ? Optional.of(DmarcRecord.parse(records.get(0))) : Optional.empty();
    }

    private static boolean aligned(String domain, String fromDomain, boolean strict) {
        if (domain == null) {
            return false;
        }
        String lower = domain.toLowerCase(Locale.ROOT);
        return strict ? lower.equals(fromDomain) : organizationalDomain(lower).equals(organizationalDomain(fromDomain));
    }

    /** The registered domain under a public suffix (Guava's copy of the Public Suffix List); else the last two labels. */
    static String organizationalDomain(String domain) {
        try {
            InternetDomainName name = InternetDomainName.from(domain);
            if (name.isUnderPublicSuffix()) {
                return name.topPrivateDomain().toString();
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            // not a valid name for Guava: fall back to labels
        }
        String[] labels = domain.split("\\.");
        return labels.length <= 2 ? domain : labels[labels.length - 2] + "." + labels[labels.length - 1];
    }

    private static final class TemporaryFailure extends RuntimeException {
        TemporaryFailure(String message) {
            super(message);
        }
    }
}
