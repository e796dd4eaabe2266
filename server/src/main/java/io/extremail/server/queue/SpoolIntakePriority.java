package io.extremail.server.queue;

import java.time.Duration;
import java.util.function.LongSupplier;

import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.tree.ImmutableNode;
import org.apache.james.server.core.configuration.ConfigurationProvider;

/**
 * Receiving first, delivering second, for a bounded time: while mail keeps arriving in the spool, the spooler starts at
 * most {@code <threadsWhileReceiving>} deliveries at once, so that the SMTP server gets the CPU and answers its clients
 * sooner; the rest of the spool's threads resume as soon as mail stops arriving for a quarter of a second, and at the latest
 * {@code <receivingPriority>} seconds after it started to arrive. A burst of mail is thus accepted at intake speed and
 * delivered right after it; under a steady flow longer than {@code <receivingPriority>} the spool runs with all its
 * threads, as without this setting. The same idea as Sendmail's QueueLA and Exim's queue_only_load (queue now,
 * deliver when the load allows), bounded so that local delivery is never held back for longer than that.
 * <p>
 * In mailetcontainer.xml, beside {@code <threads>}:
 * <pre>{@code
 * <spooler>
 *     <threads>16</threads>
 *     <threadsWhileReceiving>2</threadsWhileReceiving>   <!-- 1..threads [2] -->
 *     <receivingPriority>30</receivingPriority>          <!-- seconds, 0 = off [30] -->
 * </spooler>
 * }</pre>
 * Accepted mail is as durable either way: it waits in the persistent queue.
 */
public final class SpoolIntakePriority {
    static final String THREADS = "threadsWhileReceiving";
    static final String PRIORITY = "receivingPriority";
    static final int DEFAULT_THREADS = 2;
    static final int DEFAULT_PRIORITY_SECONDS = 30;
    static final Duration QUIET = Duration.ofMillis(250);
    private static final long RECHECK_MILLIS = 50;

    private final int threadsWhileReceiving;
    private final long priorityNanos;
    private final LongSupplier nanoClock;
    private long lastArrival;
    private long burstStart;
    private boolean received;
    private int inFlight;

    SpoolIntakePriority(int threadsWhileReceiving, Duration priority, LongSupplier nanoClock) {
        this.threadsWhileReceiving = threadsWhileReceiving;
        this.priorityNanos = priority.toNanos();
        this.nanoClock = nanoClock;
    }

    public static SpoolIntakePriority read(ConfigurationProvider configuration) throws ConfigurationException {
        HierarchicalConfiguration<ImmutableNode> spooler = configuration.getConfiguration("mailetcontainer").configurationAt("spooler");
        int threads = Math.max(1, spooler.getInt("threads", 100));
        int whileReceiving = SpoolerSettings.wholeNumber(spooler.getString(THREADS, null), THREADS, Math.min(DEFAULT_THREADS, threads), 1, threads);
        int seconds = SpoolerSettings.wholeNumber(spooler.getString(PRIORITY, null), PRIORITY, DEFAULT_PRIORITY_SECONDS, 0, 3600);
        return new SpoolIntakePriority(whileReceiving, Duration.ofSeconds(seconds), System::nanoTime);
    }

    /** A mail entered the spool. */
    synchronized void arrived() {
        long now = nanoClock.getAsLong();
        if (!received || now - lastArrival >= QUIET.toNanos()) {
            burstStart = now;
        }
        received = true;
        lastArrival = now;
        notifyAll();
    }

    /** Blocks until one more delivery may start, then counts it as started; interrupted, it returns at once. */
    synchronized void awaitTurn() {
        while (!mayStart()) {
            try {
                wait(RECHECK_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        inFlight++;
    }

    /** A delivery started by {@link #awaitTurn()} is over. */
    synchronized void finished() {
        inFlight = Math.max(0, inFlight - 1);
        notifyAll();
    }

    synchronized boolean mayStart() {
        return inFlight < threadsWhileReceiving || !receiving();
    }

    private boolean receiving() {
        long now = nanoClock.getAsLong();
        return received && now - lastArrival < QUIET.toNanos() && now - burstStart < priorityNanos;
    }
}
