package io.extremail.server.queue;

import org.apache.activemq.broker.BrokerRegistry;
import org.apache.activemq.broker.BrokerService;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.server.core.configuration.ConfigurationProvider;

/**
 * How much queued mail the embedded ActiveMQ broker keeps in the server's heap, all queues together:
 * {@code <spooler><queueMemory>} of mailetcontainer.xml, in MiB. Beyond it, a queued mail stays only in the broker's
 * journal on disk (where it is already, synced before the 250) and is read back when a delivery takes it.
 * <p>
 * Without this limit the broker caches queued mail up to 70% of the heap. A burst accepted faster than it is delivered
 * then filled the heap with mails already safe on disk: bench/run, 2026-12-07, 244 MiB live during a burst of 16,000
 * messages (188 accepted and 82 delivered per second), against 85 MiB once the spool was empty; the JVM grew its heap
 * to match, and the server's resident memory with it.
 * <pre>{@code
 * <spooler>
 *     <queueMemory>32</queueMemory>   <!-- MiB, 8..4096 [32] -->
 * </spooler>
 * }</pre>
 * Mails over 512 KiB are never in the broker's memory (see {@link SmallMailsInJournalQueue}), so 32 MiB still holds
 * the next few hundred usual mails of every queue.
 */
public final class QueueMemoryLimit {
    static final String ELEMENT = "queueMemory";
    static final int DEFAULT_MIB = 32;
    static final int MINIMUM_MIB = 8;
    static final int MAXIMUM_MIB = 4096;
    /** The name {@code org.apache.james.queue.activemq.EmbeddedActiveMQ} gives its broker. */
    static final String BROKER_NAME = "james";

    private final long bytes;

    QueueMemoryLimit(int mebibytes) {
        this.bytes = mebibytes * 1024L * 1024L;
    }

    public static QueueMemoryLimit read(ConfigurationProvider configuration) throws ConfigurationException {
        String raw = configuration.getConfiguration("mailetcontainer").getString("spooler." + ELEMENT, null);
        return new QueueMemoryLimit(SpoolerSettings.wholeNumber(raw, ELEMENT, DEFAULT_MIB, MINIMUM_MIB, MAXIMUM_MIB));
    }

    long bytes() {
        return bytes;
    }

    /** Applies the limit to the running embedded broker; its queues, created later, take their share from it. */
    public void applyToEmbeddedBroker() {
        BrokerService broker = BrokerRegistry.getInstance().lookup(BROKER_NAME);
        if (broker == null) {
            throw new IllegalStateException("no embedded ActiveMQ broker named '" + BROKER_NAME + "' is running");
        }
        broker.getSystemUsage().getMemoryUsage().setLimit(bytes);
    }
}
