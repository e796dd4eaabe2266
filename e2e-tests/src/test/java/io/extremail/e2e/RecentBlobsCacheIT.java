package io.extremail.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.apache.james.backends.cassandra.init.configuration.CassandraConfiguration;
import org.apache.james.blob.api.BlobId;
import org.apache.james.blob.api.BlobStoreDAO;
import org.apache.james.blob.api.BucketName;
import org.apache.james.blob.api.HashBlobId;
import org.apache.james.blob.api.ObjectNotFoundException;
import org.apache.james.blob.cassandra.CassandraBucketDAO;
import org.apache.james.blob.cassandra.CassandraDefaultBucketDAO;
import org.apache.james.metrics.dropwizard.DropWizardMetricFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.codahale.metrics.MetricRegistry;
import com.datastax.oss.driver.api.core.CqlSession;
import com.google.common.io.ByteSource;

import io.extremail.server.cassandra.RecentBlobsCache;
import io.extremail.server.cassandra.SmallBlobsInOneRequest;
import reactor.core.publisher.Mono;

/**
 * The blob store of the server (message headers and bodies in Cassandra 5.0.9, recent ones also in memory): what one
 * server writes, another reads back from Cassandra byte for byte, whether it came as bytes, a small or a large
 * stream; a deleted blob is gone from memory too.
 */
class RecentBlobsCacheIT {
    private static CqlSession session;
    private static final HashBlobId.Factory IDS = new HashBlobId.Factory();

    @BeforeAll
    static void connect() throws Exception {
        SharedServer.get();
        session = CqlSession.builder()
            .addContactPoint(new InetSocketAddress("127.0.0.1", TestCassandra.nativePort()))
            .withLocalDatacenter("datacenter1")
            .withKeyspace("shared")
            .build();
    }

    @AfterAll
    static void close() {
        session.close();
    }

    @Test
    void whatOneServerWritesAnotherReadsFromCassandra() {
        BlobStoreDAO writer = server();
        BlobStoreDAO reader = server();
        byte[] header = "Subject: hello\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] smallBody = randomBytes(5_000);
        byte[] twoParts = randomBytes(150_000);
        byte[] largeBody = randomBytes(700_000);
        BlobId headerId = IDS.randomId();
        BlobId twoPartsId = IDS.randomId();
        BlobId smallId = IDS.randomId();
        BlobId largeId = IDS.randomId();

        Mono.from(writer.save(BucketName.DEFAULT, headerId, header)).block();
        Mono.from(writer.save(BucketName.DEFAULT, smallId, ByteSource.wrap(smallBody))).block();
        Mono.from(writer.save(BucketName.DEFAULT, twoPartsId, twoParts)).block();
        Mono.from(writer.save(BucketName.DEFAULT, largeId, unknownSize(largeBody))).block();

        for (BlobStoreDAO server : new BlobStoreDAO[] {writer, reader}) {
            assertThat(Mono.from(server.readBytes(BucketName.DEFAULT, headerId)).block()).isEqualTo(header);
            assertThat(Mono.from(server.readBytes(BucketName.DEFAULT, smallId)).block()).isEqualTo(smallBody);
            assertThat(Mono.from(server.readBytes(BucketName.DEFAULT, twoPartsId)).block()).isEqualTo(twoParts);
            assertThat(Mono.from(server.readBytes(BucketName.DEFAULT, largeId)).block()).isEqualTo(largeBody);
        }
    }

    @Test
    void aSmallStreamOfUnknownSizeIsStoredWhole() throws Exception {
        BlobStoreDAO writer = server();
        byte[] body = randomBytes(100_000);
        BlobId id = IDS.randomId();

        Mono.from(writer.save(BucketName.DEFAULT, id, unknownSize(body))).block();

        assertThat(writer.read(BucketName.DEFAULT, id).readAllBytes()).isEqualTo(body);
        assertThat(server().read(BucketName.DEFAULT, id).readAllBytes()).isEqualTo(body);
    }

    @Test
    void aDeletedBlobIsGoneFromMemoryToo() {
        BlobStoreDAO server = server();
        BlobId id = IDS.randomId();
        Mono.from(server.save(BucketName.DEFAULT, id, randomBytes(1_000))).block();

        Mono.from(server.delete(BucketName.DEFAULT, id)).block();

        assertThatThrownBy(() -> Mono.from(server.readBytes(BucketName.DEFAULT, id)).block())
            .isInstanceOf(ObjectNotFoundException.class);
    }

    /** A server's blob store: its own memory, the shared Cassandra keyspace (small blobs in one request). */
    private static BlobStoreDAO server() {
        return new RecentBlobsCache(new SmallBlobsInOneRequest(new CassandraDefaultBucketDAO(session, IDS),
            new CassandraBucketDAO(IDS, session), CassandraConfiguration.DEFAULT_CONFIGURATION, BucketName.DEFAULT,
            new DropWizardMetricFactory(new MetricRegistry()), session));
    }

    private static ByteSource unknownSize(byte[] bytes) {
        return new ByteSource() {
            @Override
            public java.io.InputStream openStream() {
                return new ByteArrayInputStream(bytes);
            }
        };
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
