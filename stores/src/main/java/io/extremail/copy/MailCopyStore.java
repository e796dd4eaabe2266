package io.extremail.copy;

import org.apache.james.core.Username;

import reactor.core.publisher.Mono;

/** Where each user's {@link MailCopy} is kept; at most one per user. */
public interface MailCopyStore {
    Mono<MailCopy> of(Username user);

    Mono<Void> set(Username user, MailCopy copy);

    /** True when the user had one. */
    Mono<Boolean> remove(Username user);
}
