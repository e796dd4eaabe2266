package io.extremail.mapping;

import org.apache.james.core.Username;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Account mapping: extra login names that authenticate as a mailbox, e.g. {@code jdoe} or
 * {@code john@old-domain.example} for {@code john@example.com}, for IMAP, POP3 and SMTP AUTH alike.
 * Logins are compared in lower case.
 */
public interface LoginMappingStore {
    Mono<Void> map(Username login, Username mailbox);

    /** True when the login was mapped. */
    Mono<Boolean> unmap(Username login);

    Mono<Username> mailboxOf(Username login);

    Flux<Username> loginsOf(Username mailbox);

    /** The mailbox this login authenticates as: its mapping, or the login itself. */
    default Mono<Username> resolve(Username login) {
        return mailboxOf(login).defaultIfEmpty(login);
    }
}
