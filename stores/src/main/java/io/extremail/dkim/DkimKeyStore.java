package io.extremail.dkim;

import org.apache.james.core.Domain;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The DKIM keys of each domain, by selector, and which one signs (the active one). Rotation is: add a key, publish
 * its record, activate it; keep the old one published until mail signed with it has been delivered, then remove it.
 */
public interface DkimKeyStore {
    Mono<Void> add(DkimKey key);

    Flux<DkimKey> keys(Domain domain);

    Mono<DkimKey> key(Domain domain, String selector);

    /** Empty when the domain signs with no key. */
    Mono<String> activeSelector(Domain domain);

    Mono<Void> activate(Domain domain, String selector);

    /** True when there was such a key; removing the active key stops signing for the domain. */
    Mono<Boolean> remove(Domain domain, String selector);

    /** The key mail from the domain is signed with, if any. */
    default Mono<DkimKey> signingKey(Domain domain) {
        return activeSelector(domain).flatMap(selector -> key(domain, selector));
    }
}
