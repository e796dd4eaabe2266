package io.extremail.server.cassandra;

import org.apache.james.backends.cassandra.components.CassandraModule;
import org.apache.james.blob.api.BlobId;
import org.apache.james.blob.api.BlobStore;
import org.apache.james.blob.api.BlobStoreDAO;
import org.apache.james.blob.api.BucketName;
import org.apache.james.blob.api.HashBlobId;
import org.apache.james.blob.cassandra.CassandraBlobModule;
import org.apache.james.blob.cassandra.CassandraBucketDAO;
import org.apache.james.blob.cassandra.CassandraDefaultBucketDAO;
import org.apache.james.server.blob.deduplication.PassThroughBlobStore;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.name.Names;

/**
 * Message headers and bodies as blobs in Cassandra. Pass-through (no deduplication): a blob is deleted with its
 * message, with no garbage collection to run.
 */
public class CassandraBlobStoreModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(HashBlobId.Factory.class).in(Scopes.SINGLETON);
        bind(BlobId.Factory.class).to(HashBlobId.Factory.class);
        bind(CassandraDefaultBucketDAO.class).in(Scopes.SINGLETON);
        bind(CassandraBucketDAO.class).in(Scopes.SINGLETON);
        bind(SmallBlobsInOneRequest.class).in(Scopes.SINGLETON);
        bind(RecentBlobsCache.class).in(Scopes.SINGLETON);
        // Blobs this server just wrote are read back at once (search index, mail clients): served from memory.
        bind(BlobStoreDAO.class).to(RecentBlobsCache.class);
        bind(PassThroughBlobStore.class).in(Scopes.SINGLETON);
        bind(BlobStore.class).to(PassThroughBlobStore.class);
        bind(BucketName.class).annotatedWith(Names.named(BlobStore.DEFAULT_BUCKET_NAME_QUALIFIER)).toInstance(BucketName.DEFAULT);

        Multibinder.newSetBinder(binder(), CassandraModule.class).addBinding().toInstance(CassandraBlobModule.MODULE);
    }
}
