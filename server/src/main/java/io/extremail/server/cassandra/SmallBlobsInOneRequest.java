package io.extremail.server.cassandra;

import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.bindMarker;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.insertInto;

import java.nio.ByteBuffer;

import javax.inject.Inject;
import javax.inject.Named;
import javax.inject.Singleton;

import org.apache.james.backends.cassandra.init.configuration.CassandraConfiguration;
import org.apache.james.backends.cassandra.utils.CassandraAsyncExecutor;
import org.apache.james.blob.api.BlobId;
import org.apache.james.blob.api.BlobStore;
import org.apache.james.blob.api.BucketName;
import org.apache.james.blob.cassandra.BlobTables.DefaultBucketBlobParts;
import org.apache.james.blob.cassandra.BlobTables.DefaultBucketBlobTable;
import org.apache.james.blob.cassandra.CassandraBlobStoreDAO;
import org.apache.james.blob.cassandra.CassandraBucketDAO;
import org.apache.james.blob.cassandra.CassandraDefaultBucketDAO;
import org.apache.james.metrics.api.MetricFactory;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;

import reactor.core.publisher.Mono;

/**
 * James's Cassandra blob store, writing a blob of the default bucket that fits in one part (message headers and bodies
 * up to {@code blobPartSize}, 100 KiB) in one request: its part and its count of parts as one unlogged batch, where
 * James sends them one after the other. The rows are James's, so James reads them. James writes the count last so that
 * no reader finds a count without its part; here nobody reads the blob before the message that names it is written,
 * after this batch is acknowledged. Other blobs and buckets are written by James.
 */
@Singleton
public class SmallBlobsInOneRequest extends CassandraBlobStoreDAO {
    private static final int SINGLE_PART = 1;
    private static final int FIRST_PART = 0;

    private final CassandraAsyncExecutor executor;
    private final PreparedStatement insertPart;
    private final PreparedStatement insertPartCount;
    private final int partSize;

    @Inject
    public SmallBlobsInOneRequest(CassandraDefaultBucketDAO defaultBucketDAO, CassandraBucketDAO bucketDAO,
                                  CassandraConfiguration configuration,
                                  @Named(BlobStore.DEFAULT_BUCKET_NAME_QUALIFIER) BucketName defaultBucket,
                                  MetricFactory metricFactory, CqlSession session) {
        super(defaultBucketDAO, bucketDAO, configuration, defaultBucket, metricFactory);
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
    public Mono<Void> save(BucketName bucketName, BlobId blobId, byte[] data) {
        if (!bucketName.equals(BucketName.DEFAULT) || data.length == 0 || data.length > partSize) {
            return super.save(bucketName, blobId, data);
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
}
