package io.extremail.copy;

import org.apache.james.core.MailAddress;

/**
 * eXtremail's "copy of all received mail": every message delivered to the user is also sent to {@code target}
 * (a local or remote address); with {@code includeSent}, so is every message the user sends when authenticated.
 */
public record MailCopy(MailAddress target, boolean includeSent) {
}
