package io.extremail.server.cassandra;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;

import javax.inject.Inject;
import javax.inject.Singleton;

import org.apache.james.blob.api.BlobId;
import org.apache.james.blob.api.BlobStoreDAO;
import org.apache.james.blob.api.BucketName;
import org.reactivestreams.Publisher;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.common.io.ByteSource;
import com.google.common.io.ByteStreams;

import reactor.core.publisher.Mono;

/**
 * The Cassandra blob store (message headers and bodies), with the blobs this server wrote in the last
 * {@link #TIME_TO_LIVE} kept in memory (up to {@link #MAX_BYTES} in all, blobs up to {@link #MAX_BLOB_BYTES} each).
 * A message is read back right after its delivery: by the search index, and by the mail client told about it
 * (IDLE, NOTIFY, a poll). Blobs never change once written (every save has a new id), so a cached blob is never stale.
 */
@Singleton
public class RecentBlobsCache implements BlobStoreDAO {
    static final Duration TIME_TO_LIVE = Duration.ofMinutes(2);
    static final long MAX_BYTES = 32L * 1024 * 1024;
    static final int MAX_BLOB_BYTES = 256 * 1024;

    private record Key(BucketName bucket, BlobId blob) {
    }

    private final BlobStoreDAO cassandra;
    private final Cache<Key, byte[]> recent = CacheBuilder.newBuilder()
        .expireAfterWrite(TIME_TO_LIVE)
        .maximumWeight(MAX_BYTES)
        .<Key, byte[]>weigher((key, bytes) -> bytes.length)
        .build();

    @Inject
    public RecentBlobsCache(SmallBlobsInOneRequest cassandra) {
        this((BlobStoreDAO) cassandra);
    }

    RecentBlobsCache(BlobStoreDAO cassandra) {
        this.cassandra = cassandra;
    }

    @Override
    public InputStream read(BucketName bucketName, BlobId blobId) {
        return cached(bucketName, blobId).<InputStream>map(ByteArrayInputStream::new)
            .orElseGet(() -> cassandra.read(bucketName, blobId));
    }

    @Override
    public Publisher<InputStream> readReactive(BucketName bucketName, BlobId blobId) {
        return cached(bucketName, blobId).<Publisher<InputStream>>map(bytes -> Mono.just(new ByteArrayInputStream(bytes)))
            .orElseGet(() -> cassandra.readReactive(bucketName, blobId));
    }

    @Override
    public Publisher<byte[]> readBytes(BucketName bucketName, BlobId blobId) {
        return cached(bucketName, blobId).<Publisher<byte[]>>map(Mono::just)
            .orElseGet(() -> cassandra.readBytes(bucketName, blobId));
    }

    @Override
    public Publisher<Void> save(BucketName bucketName, BlobId blobId, byte[] data) {
        return Mono.from(cassandra.save(bucketName, blobId, data))
            .doOnSuccess(done -> remember(bucketName, blobId, data));
    }

    @Override
    public Publisher<Void> save(BucketName bucketName, BlobId blobId, InputStream inputStream) {
        return cassandra.save(bucketName, blobId, inputStream);
    }

    /** Message bodies come as a byte source: a small one is read into memory once, saved and kept. */
    @Override
    public Publisher<Void> save(BucketName bucketName, BlobId blobId, ByteSource content) {
        return Mono.fromCallable(() -> readAtMost(content, MAX_BLOB_BYTES + 1))
            .flatMap(bytes -> Mono.from(bytes.length <= MAX_BLOB_BYTES
                ? save(bucketName, blobId, bytes)
                : cassandra.save(bucketName, blobId, content)));
    }

    @Override
    public Publisher<Void> delete(BucketName bucketName, BlobId blobId) {
        recent.invalidate(new Key(bucketName, blobId));
        return cassandra.delete(bucketName, blobId);
    }

    @Override
    public Publisher<Void> delete(BucketName bucketName, Collection<BlobId> blobIds) {
        blobIds.forEach(blobId -> recent.invalidate(new Key(bucketName, blobId)));
        return cassandra.delete(bucketName, blobIds);
    }

    @Override
    public Publisher<Void> deleteBucket(BucketName bucketName) {
        recent.asMap().keySet().removeIf(key -> key.bucket().equals(bucketName));
        return cassandra.deleteBucket(bucketName);
    }

    @Override
    public Publisher<BucketName> listBuckets() {
        return cassandra.listBuckets();
    }

    @Override
    public Publisher<BlobId> listBlobs(BucketName bucketName) {
        return cassandra.listBlobs(bucketName);
    }

    private Optional<byte[]> cached(BucketName bucketName, BlobId blobId) {
        return Optional.ofNullable(recent.getIfPresent(new Key(bucketName, blobId)));
    }

    private void remember(BucketName bucketName, BlobId blobId, byte[] data) {
        if (data.length <= MAX_BLOB_BYTES) {
            recent.put(new Key(bucketName, blobId), data);
        }
    }

    private static byte[] readAtMost(ByteSource content, int limit) throws IOException {
        try (InputStream stream = content.openStream()) {
            return ByteStreams.limit(stream, limit).readAllBytes();
        }
    }
}
