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
 * 100,000 times. Changes made on other nodes sharing the cluster are picked up within {@link #REFRESH_PERIOD}: by
 * a full reload, or, given a version that changes with the data, by reading the version and reloading only when it
 * changed (100,000 deny rules read again every 10 s would cost more than the checks they serve). A failed reload keeps
 * the value loaded before.
 */
public final class ReloadingSnapshot<T> implements AutoCloseable {
    public static final Duration LOCAL_CHANGE_DELAY = Duration.ofMillis(200);
    public static final Duration REFRESH_PERIOD = Duration.ofSeconds(10);
    private static final Logger LOGGER = LoggerFactory.getLogger(ReloadingSnapshot.class);

    private final String name;
    private final Supplier<T> loader;
    private final Supplier<?> version;
    private volatile Object loadedVersion;
    private final ScheduledExecutorService reloader;
    private final AtomicBoolean reloadPending = new AtomicBoolean();
    private volatile T value;

    /** Loads once now (a failure here fails the caller: the server must not start without its rules). */
    public ReloadingSnapshot(String name, Supplier<T> loader) {
        this(name, loader, Object::new);
    }

    /** As above; {@code version} returns a value equal to the one it returned before as long as the data is unchanged. */
    public ReloadingSnapshot(String name, Supplier<T> loader, Supplier<?> version) {
        this(name, loader, version, REFRESH_PERIOD);
    }

    ReloadingSnapshot(String name, Supplier<T> loader, Supplier<?> version, Duration refreshPeriod) {
        this.name = name;
        this.loader = loader;
        this.version = version;
        this.reloader = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name + "-reload");
            thread.setDaemon(true);
            return thread;
        });
        load();
        reloader.scheduleWithFixedDelay(this::reloadIfChanged, refreshPeriod.toMillis(), refreshPeriod.toMillis(), TimeUnit.MILLISECONDS);
    }

    public T get() {
        return value;
    }

    /** Reloads before returning: for changes rare enough that the caller may wait for them to be in force. */
    public void reloadNow() {
        load();
    }

    public void reloadSoon() {
        if (reloadPending.compareAndSet(false, true)) {
            reloader.schedule(() -> {
                reloadPending.set(false);
                reloadQuietly();
            }, LOCAL_CHANGE_DELAY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** The version is read before the data: a change landing during the load is seen as a change next time. */
    private void load() {
        Object current = version.get();
        value = loader.get();
        loadedVersion = current;
    }

    private void reloadIfChanged() {
        try {
            if (!version.get().equals(loadedVersion)) {
                load();
            }
        } catch (RuntimeException e) {
            LOGGER.warn("Could not reload the {}; the values loaded before stay in force", name, e);
        }
    }

    private void reloadQuietly() {
        try {
            load();
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
