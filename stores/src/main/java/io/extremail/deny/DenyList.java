package io.extremail.deny;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.annotation.PreDestroy;
import javax.inject.Inject;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The deny lists as the SMTP hooks, matchers and mailets see them: every rule held in memory ({@link DenyRules}),
 * so a check never waits for Cassandra.
 *
 * <p>A change made through this node (WebAdmin, console) is visible here within {@link #LOCAL_CHANGE_DELAY}:
 * changes are coalesced, so adding 100,000 rules one by one reloads a few times, not 100,000 times. Changes made on
 * other nodes sharing the cluster are picked up by a full reload every {@link #REFRESH_PERIOD}.
 */
public class DenyList implements AutoCloseable {
    public static final Duration LOCAL_CHANGE_DELAY = Duration.ofMillis(200);
    public static final Duration REFRESH_PERIOD = Duration.ofSeconds(10);
    private static final Logger LOGGER = LoggerFactory.getLogger(DenyList.class);

    private final DenyListStore store;
    private final ScheduledExecutorService reloader;
    private final AtomicBoolean reloadPending = new AtomicBoolean();
    private volatile DenyRules rules = DenyRules.NONE;

    @Inject
    public DenyList(DenyListStore store) {
        this.store = store;
        this.reloader = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "deny-list-reload");
            thread.setDaemon(true);
            return thread;
        });
        reload();
        reloader.scheduleWithFixedDelay(this::reloadQuietly, REFRESH_PERIOD.toMillis(), REFRESH_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    }

    public DenyRules rules() {
        return rules;
    }

    public Mono<Void> add(DenyEntry entry) {
        return store.add(entry).doOnSuccess(done -> reloadSoon());
    }

    public Mono<Boolean> remove(DenyEntry entry) {
        return store.remove(entry).doOnSuccess(existed -> reloadSoon());
    }

    public Flux<DenyEntry> list(DenyKind kind) {
        return store.list(kind);
    }

    private void reloadSoon() {
        if (reloadPending.compareAndSet(false, true)) {
            reloader.schedule(() -> {
                reloadPending.set(false);
                reloadQuietly();
            }, LOCAL_CHANGE_DELAY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void reloadQuietly() {
        try {
            reload();
        } catch (RuntimeException e) {
            // Keep the rules we have: a Cassandra hiccup must not empty the deny lists.
            LOGGER.warn("Could not reload the deny lists; the rules loaded before stay in force", e);
        }
    }

    private void reload() {
        List<DenyEntry> entries = store.all().collectList().block();
        rules = DenyRules.of(entries);
    }

    @PreDestroy
    @Override
    public void close() {
        reloader.shutdownNow();
    }
}
