package io.extremail.cassandra.lists;

import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.bindMarker;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.deleteFrom;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.insertInto;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.selectFrom;
import static io.extremail.cassandra.lists.CassandraMailingListModule.BLOB_ID;
import static io.extremail.cassandra.lists.CassandraMailingListModule.HELD;
import static io.extremail.cassandra.lists.CassandraMailingListModule.ID;
import static io.extremail.cassandra.lists.CassandraMailingListModule.LIST;
import static io.extremail.cassandra.lists.CassandraMailingListModule.RECEIVED;
import static io.extremail.cassandra.lists.CassandraMailingListModule.SENDER;
import static io.extremail.cassandra.lists.CassandraMailingListModule.SIZE;
import static io.extremail.cassandra.lists.CassandraMailingListModule.SUBJECT;

import java.time.Instant;
import java.util.UUID;

import javax.inject.Inject;

import org.apache.james.backends.cassandra.utils.CassandraAsyncExecutor;
import org.apache.james.blob.api.BlobId;
import org.apache.james.blob.api.BlobStore;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.uuid.Uuids;

import io.extremail.lists.Addresses;
import io.extremail.lists.HeldPost;
import io.extremail.lists.HeldPostStore;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link HeldPostStore} in Cassandra: a row per held post, the message in the blob store (which splits big messages
 * into chunks; a cell could not hold them).
 */
public class CassandraHeldPostStore implements HeldPostStore {
    private final CassandraAsyncExecutor executor;
    private final BlobStore blobStore;
    private final BlobId.Factory blobIds;
    private final PreparedStatement insert;
    private final PreparedStatement selectList;
    private final PreparedStatement select;
    private final PreparedStatement delete;
    private final PreparedStatement deleteList;

    @Inject
    public CassandraHeldPostStore(CqlSession session, BlobStore blobStore, BlobId.Factory blobIds) {
        this.executor = new CassandraAsyncExecutor(session);
        this.blobStore = blobStore;
        this.blobIds = blobIds;
        this.insert = session.prepare(insertInto(HELD)
            .value(LIST, bindMarker(LIST)).value(ID, bindMarker(ID)).value(SENDER, bindMarker(SENDER))
            .value(SUBJECT, bindMarker(SUBJECT)).value(SIZE, bindMarker(SIZE)).value(RECEIVED, bindMarker(RECEIVED))
            .value(BLOB_ID, bindMarker(BLOB_ID))
            .build());
        this.selectList = session.prepare(selectFrom(HELD).all().whereColumn(LIST).isEqualTo(bindMarker(LIST)).build());
        this.select = session.prepare(selectFrom(HELD).all()
            .whereColumn(LIST).isEqualTo(bindMarker(LIST))
            .whereColumn(ID).isEqualTo(bindMarker(ID)).build());
        this.delete = session.prepare(deleteFrom(HELD)
            .whereColumn(LIST).isEqualTo(bindMarker(LIST))
            .whereColumn(ID).isEqualTo(bindMarker(ID)).build());
        this.deleteList = session.prepare(deleteFrom(HELD).whereColumn(LIST).isEqualTo(bindMarker(LIST)).build());
    }

    @Override
    public Mono<HeldPost> hold(MailAddress list, MaybeSender sender, String subject, byte[] message) {
        UUID id = Uuids.timeBased();
        Instant received = Instant.ofEpochMilli(Uuids.unixTimestamp(id));
        // The blob first: a row never points to a message that is not there.
        return Mono.from(blobStore.save(blobStore.getDefaultBucketName(), message, BlobStore.StoragePolicy.LOW_COST))
            .flatMap(blobId -> {
                HeldPost post = new HeldPost(Addresses.normalized(list), id, sender, subject, message.length, received, blobId.asString());
                return executor.executeVoid(insert.bind()
                        .setString(LIST, post.list().asString())
                        .setUuid(ID, id)
                        .setString(SENDER, sender.asString())
                        .setString(SUBJECT, subject)
                        .setLong(SIZE, post.size())
                        .setInstant(RECEIVED, received)
                        .setString(BLOB_ID, post.blobId()))
                    .thenReturn(post);
            });
    }

    @Override
    public Flux<HeldPost> list(MailAddress list) {
        return executor.executeRows(selectList.bind().setString(LIST, Addresses.normalized(list).asString()))
            .map(CassandraHeldPostStore::post);
    }

    @Override
    public Mono<HeldPost> get(MailAddress list, UUID id) {
        return executor.executeSingleRow(select.bind().setString(LIST, Addresses.normalized(list).asString()).setUuid(ID, id))
            .map(CassandraHeldPostStore::post);
    }

    @Override
    public Mono<byte[]> content(HeldPost post) {
        return Mono.from(blobStore.readBytes(blobStore.getDefaultBucketName(), blobIds.from(post.blobId())));
    }

    @Override
    public Mono<Void> remove(HeldPost post) {
        return executor.executeVoid(delete.bind().setString(LIST, post.list().asString()).setUuid(ID, post.id()))
            .then(deleteBlobUnlessShared(post));
    }

    @Override
    public Mono<Void> removeAll(MailAddress list) {
        return list(list).concatMap(this::remove).then()
            .then(executor.executeVoid(deleteList.bind().setString(LIST, Addresses.normalized(list).asString())));
    }

    // Blob ids are content hashes: the very same message held twice shares its blob until the last one goes.
    private Mono<Void> deleteBlobUnlessShared(HeldPost post) {
        return list(post.list()).any(other -> other.blobId().equals(post.blobId()))
            .flatMap(shared -> shared
                ? Mono.empty()
                : Mono.from(blobStore.delete(blobStore.getDefaultBucketName(), blobIds.from(post.blobId()))).then());
    }

    private static HeldPost post(Row row) {
        String sender = row.getString(SENDER);
        return new HeldPost(Addresses.parse(LIST, row.getString(LIST)), row.getUuid(ID),
            sender == null || sender.isEmpty() ? MaybeSender.nullSender() : MaybeSender.getMailSender(sender),
            row.getString(SUBJECT), row.getLong(SIZE), row.getInstant(RECEIVED), row.getString(BLOB_ID));
    }
}
