package io.extremail.matchers;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;

import io.extremail.deny.DenyEntry;
import io.extremail.deny.DenyKind;
import io.extremail.deny.DenyListStore;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** A store for unit tests of the matchers only; the server uses the Cassandra one. */
class InMemoryDenyListStore implements DenyListStore {
    private final Set<String> entries = new ConcurrentSkipListSet<>();
    private final AtomicLong changes = new AtomicLong();

    static InMemoryDenyListStore with(DenyEntry... rules) {
        InMemoryDenyListStore store = new InMemoryDenyListStore();
        for (DenyEntry rule : rules) {
            store.entries.add(rule.kind() + " " + rule.value());
        }
        return store;
    }

    @Override
    public Mono<Void> add(DenyEntry entry) {
        return Mono.fromRunnable(() -> {
            entries.add(entry.kind() + " " + entry.value());
            changes.incrementAndGet();
        });
    }

    @Override
    public Mono<Boolean> remove(DenyEntry entry) {
        return Mono.fromCallable(() -> {
            changes.incrementAndGet();
            return entries.remove(entry.kind() + " " + entry.value());
        });
    }

    @Override
    public Flux<DenyEntry> list(DenyKind kind) {
        return all().filter(entry -> entry.kind() == kind);
    }

    @Override
    public Flux<DenyEntry> all() {
        return Flux.fromIterable(entries).map(line -> line.split(" ", 2))
            .map(parts -> new DenyEntry(DenyKind.valueOf(parts[0]), parts[1]));
    }

    @Override
    public Mono<Optional<UUID>> version() {
        return Mono.fromCallable(() -> Optional.of(new UUID(0, changes.get())));
    }
}
