package io.extremail.server.cassandra;

import javax.inject.Inject;
import javax.inject.Named;
import javax.inject.Singleton;

import org.apache.james.backends.cassandra.init.configuration.CassandraConfiguration;
import org.apache.james.blob.api.BlobId;
import org.apache.james.mailbox.cassandra.mail.CassandraMessageIdToImapUidDAO;
import org.apache.james.mailbox.cassandra.mail.CassandraMessageMetadata;

import com.datastax.oss.driver.api.core.CqlSession;

import reactor.core.publisher.Mono;

/**
 * James's table from a message and mailbox to the message's UID and flags, whose first write (a delivery, a copy, a
 * move) is a plain insert instead of an {@code INSERT ... IF NOT EXISTS}. The row is new, keyed by a new message id
 * or a mailbox the message was not in: the Paxos round James pays for it (a read and three writes synced to the
 * commit log) guarded nothing, and was an eighth of Cassandra's CPU per delivered message. Flag changes stay
 * compare-and-sets on the mod-sequence when {@code message.write.strong.consistency.unsafe} is true, as in James.
 * <p>
 * Those compare-and-sets write with the time of Cassandra's Paxos ballot, the insert with the server's clock: a
 * flag change made sooner after delivery than the server's clock is ahead of Cassandra's would be hidden by the
 * insert. Cassandra already needs synchronized clocks (NTP) for its own ordering of writes.
 */
@Singleton
public class PlainInsertImapUidDAO extends CassandraMessageIdToImapUidDAO {
    /** Names James's settings with plain message writes, from which the inserts are prepared. */
    public static final String PLAIN_WRITES = "plainMessageWrites";

    private final CassandraMessageIdToImapUidDAO plainInserts;

    @Inject
    public PlainInsertImapUidDAO(CqlSession session, BlobId.Factory blobIdFactory, CassandraConfiguration configuration,
                                 @Named(PLAIN_WRITES) CassandraConfiguration plainWrites) {
        super(session, blobIdFactory, configuration);
        this.plainInserts = new CassandraMessageIdToImapUidDAO(session, blobIdFactory, plainWrites);
    }

    @Override
    public Mono<Void> insert(CassandraMessageMetadata metadata) {
        return plainInserts.insert(metadata);
    }
}
