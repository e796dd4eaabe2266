package io.extremail.limits;

import org.apache.james.core.Domain;
import org.apache.james.core.Username;

import reactor.core.publisher.Mono;

/** Per-user and per-domain message size limits; {@link MessageSizeLimits} resolves and caches them. */
public interface SizeLimitStore {
    Mono<SizeLimits> ofUser(Username user);

    Mono<SizeLimits> ofDomain(Domain domain);

    /** Empty limits remove the entry. */
    Mono<Void> setUser(Username user, SizeLimits limits);

    Mono<Void> setDomain(Domain domain, SizeLimits limits);
}
