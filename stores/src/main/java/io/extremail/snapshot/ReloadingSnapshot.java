package io.extremail.snapshot;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A value loaded whole from Cassandra and held in memory, so that the SMTP hooks and matchers reading it never wait
 * for a round trip.
 *
 * <p>A change made through this node is announced with {@link #reloadSoon()} and visible within
 * {@link #LOCAL_CHANGE_DELAY}; announcements are coalesced, so 100,000 changes in a row reload a few times, not
 * 100,000 times. Changes made on other nodes sharing the cluster are picked up by a full reload every
 * {@link #REFRESH_PERIOD}. A failed reload keeps the value loaded before.
 */
public final class ReloadingSnapshot<T> implements AutoCloseable {
    public static final Duration LOCAL_CHANGE_DELAY = Duration.ofMillis(200);
    public static final Duration REFRESH_PERIOD = Duration.ofSeconds(10);
    private static final Logger LOGGER = LoggerFactory.getLogger(ReloadingSnapshot.class);

    private final String name;
    private final Supplier<T> loader;
    private final ScheduledExecutorService reloader;
    private final AtomicBoolean reloadPending = new AtomicBoolean();
    private volatile T value;

    /** Loads once now (a failure here fails the caller: the server must not start without its rules). */
    public ReloadingSnapshot(String name, Supplier<T> loader) {
        this.name = name;
        this.loader = loader;
        this.reloader = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name + "-reload");
            thread.setDaemon(true);
            return thread;
        });
        this.value = loader.get();
        reloader.scheduleWithFixedDelay(this::reloadQuietly, REFRESH_PERIOD.toMillis(), REFRESH_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    }

    public T get() {
        return value;
    }

    /** Reloads before returning: for changes rare enough that the caller may wait for them to be in force. */
    public void reloadNow() {
        value = loader.get();
    }

    public void reloadSoon() {
        if (reloadPending.compareAndSet(false, true)) {
            reloader.schedule(() -> {
                reloadPending.set(false);
                reloadQuietly();
            }, LOCAL_CHANGE_DELAY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void reloadQuietly() {
        try {
            value = loader.get();
        } catch (RuntimeException e) {
            // A Cassandra hiccup must not empty what the mail flow relies on.
            LOGGER.warn("Could not reload the {}; the values loaded before stay in force", name, e);
        }
    }

    @Override
    public void close() {
        reloader.shutdownNow();
    }
}
