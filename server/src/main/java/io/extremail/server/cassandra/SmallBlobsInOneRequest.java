package io.extremail.server.cassandra;

import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.bindMarker;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.insertInto;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Collection;

import javax.inject.Inject;
import javax.inject.Singleton;

import org.apache.james.backends.cassandra.init.configuration.CassandraConfiguration;
import org.apache.james.backends.cassandra.utils.CassandraAsyncExecutor;
import org.apache.james.blob.api.BlobId;
import org.apache.james.blob.api.BlobStoreDAO;
import org.apache.james.blob.api.BucketName;
import org.apache.james.blob.cassandra.BlobTables.DefaultBucketBlobParts;
import org.apache.james.blob.cassandra.BlobTables.DefaultBucketBlobTable;
import org.apache.james.blob.cassandra.CassandraBlobStoreDAO;
import org.reactivestreams.Publisher;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.google.common.io.ByteSource;


/**
 * James's Cassandra blob store, writing a blob of the default bucket that fits in one part (message headers and bodies
 * up to {@code blobPartSize}, 100 KiB) in one request: its part and its count of parts as one unlogged batch, where
 * James sends them one after the other. The rows are James's, so James reads them. James writes the count last so that
 * no reader finds a count without its part; here nobody reads the blob before the message that names it is written,
 * after this batch is acknowledged. Other blobs and buckets are written by James.
 */
@Singleton
public class SmallBlobsInOneRequest implements BlobStoreDAO {
    private static final int SINGLE_PART = 1;
    private static final int FIRST_PART = 0;

    private final CassandraBlobStoreDAO james;
    private final CassandraAsyncExecutor executor;
    private final PreparedStatement insertPart;
    private final PreparedStatement insertPartCount;
    private final int partSize;

    @Inject
    public SmallBlobsInOneRequest(CassandraBlobStoreDAO james, CqlSession session, CassandraConfiguration configuration) {
        this.james = james;
        this.executor = new CassandraAsyncExecutor(session);
        this.insertPart = session.prepare(insertInto(DefaultBucketBlobParts.TABLE_NAME)
            .value(DefaultBucketBlobParts.ID, bindMarker(DefaultBucketBlobParts.ID))
            .value(DefaultBucketBlobParts.CHUNK_NUMBER, bindMarker(DefaultBucketBlobParts.CHUNK_NUMBER))
            .value(DefaultBucketBlobParts.DATA, bindMarker(DefaultBucketBlobParts.DATA))
            .build());
        this.insertPartCount = session.prepare(insertInto(DefaultBucketBlobTable.TABLE_NAME)
            .value(DefaultBucketBlobTable.ID, bindMarker(DefaultBucketBlobTable.ID))
            .value(DefaultBucketBlobTable.NUMBER_OF_CHUNK, bindMarker(DefaultBucketBlobTable.NUMBER_OF_CHUNK))
            .build());
        this.partSize = configuration.getBlobPartSize();
    }

    @Override
    public Publisher<Void> save(BucketName bucketName, BlobId blobId, byte[] data) {
        if (!bucketName.equals(BucketName.DEFAULT) || data.length == 0 || data.length > partSize) {
            return james.save(bucketName, blobId, data);
        }
        return executor.executeVoid(BatchStatement.newInstance(BatchType.UNLOGGED,
            insertPart.bind()
                .setString(DefaultBucketBlobParts.ID, blobId.asString())
                .setInt(DefaultBucketBlobParts.CHUNK_NUMBER, FIRST_PART)
                .setByteBuffer(DefaultBucketBlobParts.DATA, ByteBuffer.wrap(data)),
            insertPartCount.bind()
                .setString(DefaultBucketBlobTable.ID, blobId.asString())
                .setInt(DefaultBucketBlobTable.NUMBER_OF_CHUNK, SINGLE_PART)));
    }

    @Override
    public Publisher<Void> save(BucketName bucketName, BlobId blobId, InputStream inputStream) {
        return james.save(bucketName, blobId, inputStream);
    }

    @Override
    public Publisher<Void> save(BucketName bucketName, BlobId blobId, ByteSource content) {
        return james.save(bucketName, blobId, content);
    }

    @Override
    public InputStream read(BucketName bucketName, BlobId blobId) {
        return james.read(bucketName, blobId);
    }

    @Override
    public Publisher<InputStream> readReactive(BucketName bucketName, BlobId blobId) {
        return james.readReactive(bucketName, blobId);
    }

    @Override
    public Publisher<byte[]> readBytes(BucketName bucketName, BlobId blobId) {
        return james.readBytes(bucketName, blobId);
    }

    @Override
    public Publisher<Void> delete(BucketName bucketName, BlobId blobId) {
        return james.delete(bucketName, blobId);
    }

    @Override
    public Publisher<Void> delete(BucketName bucketName, Collection<BlobId> blobIds) {
        return james.delete(bucketName, blobIds);
    }

    @Override
    public Publisher<Void> deleteBucket(BucketName bucketName) {
        return james.deleteBucket(bucketName);
    }

    @Override
    public Publisher<BucketName> listBuckets() {
        return james.listBuckets();
    }

    @Override
    public Publisher<BlobId> listBlobs(BucketName bucketName) {
        return james.listBlobs(bucketName);
    }
}
