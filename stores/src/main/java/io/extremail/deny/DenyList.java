package io.extremail.deny;

import javax.annotation.PreDestroy;
import javax.inject.Inject;

import io.extremail.snapshot.ReloadingSnapshot;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The deny lists as the SMTP hooks, matchers and mailets see them: every rule held in memory ({@link DenyRules}),
 * so a check never waits for Cassandra. A change made through this node (WebAdmin, console) is in force within
 * {@link ReloadingSnapshot#LOCAL_CHANGE_DELAY}, one made on another node within
 * {@link ReloadingSnapshot#REFRESH_PERIOD}.
 */
public class DenyList implements AutoCloseable {
    private final DenyListStore store;
    private final ReloadingSnapshot<DenyRules> rules;

    @Inject
    public DenyList(DenyListStore store) {
        this.store = store;
        this.rules = new ReloadingSnapshot<>("deny-lists", () -> DenyRules.of(store.all().collectList().block()),
            () -> store.version().block());
    }

    public DenyRules rules() {
        return rules.get();
    }

    public Mono<Void> add(DenyEntry entry) {
        return store.add(entry).doOnSuccess(done -> rules.reloadSoon());
    }

    public Mono<Boolean> remove(DenyEntry entry) {
        return store.remove(entry).doOnSuccess(existed -> rules.reloadSoon());
    }

    /** Rules stored, not those in force: a change made through this node shows at once, before the reload. */
    public int storedCount(DenyKind kind) {
        return store.list(kind).count().map(Long::intValue).block();
    }

    public Flux<DenyEntry> list(DenyKind kind) {
        return store.list(kind);
    }

    @PreDestroy
    @Override
    public void close() {
        rules.close();
    }
}
