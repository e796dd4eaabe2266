package io.extremail.deny;

import java.util.Optional;
import java.util.UUID;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Where deny rules are kept; {@link DenyList} caches them for the checks. */
public interface DenyListStore {
    Mono<Void> add(DenyEntry entry);

    /** True when the rule existed. */
    Mono<Boolean> remove(DenyEntry entry);

    /** One kind, in the store's order (sorted by value). */
    Flux<DenyEntry> list(DenyKind kind);

    Flux<DenyEntry> all();

    /** Changes whenever a rule is added or removed, through any server: equal versions, same rules. */
    Mono<Optional<UUID>> version();
}
