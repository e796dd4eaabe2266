package io.extremail.server.cassandra;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

import javax.inject.Inject;
import javax.inject.Singleton;

import org.apache.james.core.Domain;
import org.apache.james.rrt.api.RecipientRewriteTableException;
import org.apache.james.rrt.cassandra.CassandraRecipientRewriteTable;
import org.apache.james.rrt.lib.AbstractRecipientRewriteTable;
import org.apache.james.rrt.lib.Mapping;
import org.apache.james.rrt.lib.MappingSource;
import org.apache.james.rrt.lib.Mappings;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.common.util.concurrent.UncheckedExecutionException;

/**
 * James's recipient rewrite table in Cassandra (aliases, forwards, domain mappings), with the mappings that delivery
 * resolves kept in memory for {@link #TIME_TO_LIVE}: every message looks up its recipient's mappings, then its
 * domain's, two Cassandra reads that find nothing for most recipients. A change made through this server is seen at
 * once; one made through another server of the cluster within {@link #TIME_TO_LIVE}, as the other per-user settings
 * (copies, autoresponders, size limits). Administration (WebAdmin, console, the checks James makes before adding a
 * mapping) always reads Cassandra.
 */
@Singleton
public class CachedRecipientRewriteTable extends AbstractRecipientRewriteTable {
    static final Duration TIME_TO_LIVE = Duration.ofSeconds(10);

    private final CassandraRecipientRewriteTable cassandra;
    private final Cache<MappingSource, Mappings> resolved;

    @Inject
    public CachedRecipientRewriteTable(CassandraRecipientRewriteTable cassandra) {
        this(cassandra, TIME_TO_LIVE);
    }

    public CachedRecipientRewriteTable(CassandraRecipientRewriteTable cassandra, Duration timeToLive) {
        this.cassandra = cassandra;
        this.resolved = CacheBuilder.newBuilder()
            .expireAfterWrite(timeToLive)
            .maximumSize(100_000)
            .build();
    }

    @Override
    public void addMapping(MappingSource source, Mapping mapping) throws RecipientRewriteTableException {
        // Forgotten before and after the write: a delivery reading the old mappings meanwhile does not keep them.
        resolved.invalidate(source);
        cassandra.addMapping(source, mapping);
        resolved.invalidate(source);
    }

    @Override
    public void removeMapping(MappingSource source, Mapping mapping) throws RecipientRewriteTableException {
        resolved.invalidate(source);
        cassandra.removeMapping(source, mapping);
        resolved.invalidate(source);
    }

    @Override
    public Mappings getStoredMappings(MappingSource source) throws RecipientRewriteTableException {
        return cassandra.getStoredMappings(source);
    }

    @Override
    public Map<MappingSource, Mappings> getAllMappings() throws RecipientRewriteTableException {
        return cassandra.getAllMappings();
    }

    @Override
    public Stream<MappingSource> listSources(Mapping mapping) throws RecipientRewriteTableException {
        return cassandra.listSources(mapping);
    }

    /** The user's own mappings, else its domain's: what James's Cassandra table resolves. */
    @Override
    protected Mappings mapAddress(String user, Domain domain) throws RecipientRewriteTableException {
        Mappings own = resolved(MappingSource.fromUser(user, domain));
        return own.isEmpty() ? resolved(MappingSource.fromDomain(domain)) : own;
    }

    private Mappings resolved(MappingSource source) throws RecipientRewriteTableException {
        try {
            return resolved.get(source, () -> cassandra.getStoredMappings(source));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RecipientRewriteTableException failure) {
                throw failure;
            }
            throw new RecipientRewriteTableException("Cannot read the mappings of " + source.asString(), e.getCause());
        } catch (UncheckedExecutionException e) {
            // Cassandra unavailable: the same exception as James's table, so the mail waits in the queue as before.
            throw (RuntimeException) e.getCause();
        }
    }
}
