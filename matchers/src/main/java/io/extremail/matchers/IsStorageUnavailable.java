package io.extremail.matchers;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

/**
 * Matches a mail in the error processor whose failure was Cassandra being out of reach (no node available, a
 * timeout, a node overloaded or unavailable): a temporary state, after which the mail must be processed again,
 * not bounced nor set aside. Paired with James's {@code Requeue}, the mail waits in the spool (on local disk) and
 * comes back until the storage answers. The failure, an exception the spool cannot store, is removed before the
 * requeue (the spool would log an error for it each time).
 *
 * <pre>{@code
 * <processor state="error">
 *     <mailet match="io.extremail.matchers.IsStorageUnavailable" class="ToProcessor">
 *         <processor>storage-unavailable</processor>
 *     </mailet>
 *     ...
 * </processor>
 * <processor state="storage-unavailable">
 *     <mailet match="All" class="RemoveMailAttribute">
 *         <name>org.apache.james.MailetError</name>
 *     </mailet>
 *     <mailet match="All" class="Requeue">
 *         <queue>spool</queue>
 *         <processor>root</processor>
 *         <delay>30s</delay>
 *     </mailet>
 * </processor>
 * }</pre>
 */
public class IsStorageUnavailable extends GenericMatcher {
    private static final Set<String> TEMPORARY_FAILURES = Set.of(
        "AllNodesFailedException", "NoNodeAvailableException", "DriverTimeoutException", "HeartbeatException",
        "ConnectionInitException", "ClosedConnectionException", "BusyConnectionException",
        "UnavailableException", "ReadTimeoutException", "WriteTimeoutException", "OverloadedException",
        "ReadFailureException", "WriteFailureException", "BootstrappingException", "TruncateException");
    private static final List<String> TEMPORARY_MESSAGES = List.of(
        "No node was available", "node(s) tried for the query failed", "Query timed out", "Cassandra timeout during");

    @Override
    public Collection<MailAddress> match(Mail mail) {
        boolean temporary = mail.getAttribute(Mail.MAILET_ERROR)
            .map(attribute -> attribute.getValue().value())
            .filter(Throwable.class::isInstance)
            .map(Throwable.class::cast)
            .map(IsStorageUnavailable::isTemporary)
            .orElseGet(() -> messageIsTemporary(mail.getErrorMessage()));
        return temporary ? mail.getRecipients() : List.of();
    }

    private static boolean isTemporary(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (TEMPORARY_FAILURES.contains(cause.getClass().getSimpleName()) && cause.getClass().getName().startsWith("com.datastax.")) {
                return true;
            }
            for (Throwable suppressed : cause.getSuppressed()) {
                if (isTemporary(suppressed)) {
                    return true;
                }
            }
        }
        return messageIsTemporary(error.getMessage());
    }

    private static boolean messageIsTemporary(String message) {
        return Optional.ofNullable(message).filter(text -> TEMPORARY_MESSAGES.stream().anyMatch(text::contains)).isPresent();
    }

    @Override
    public String getMatcherInfo() {
        return "Failures caused by Cassandra being out of reach";
    }
}
