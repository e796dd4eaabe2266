package io.extremail.cassandra.deny;

import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.bindMarker;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.deleteFrom;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.insertInto;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.selectFrom;
import static io.extremail.cassandra.deny.CassandraDenyListModule.KIND;
import static io.extremail.cassandra.deny.CassandraDenyListModule.TABLE;
import static io.extremail.cassandra.deny.CassandraDenyListModule.VALUE;

import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

import javax.inject.Inject;

import org.apache.james.backends.cassandra.utils.CassandraAsyncExecutor;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;

import io.extremail.cassandra.snapshot.SnapshotVersions;
import io.extremail.deny.DenyEntry;
import io.extremail.deny.DenyKind;
import io.extremail.deny.DenyListStore;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** {@link DenyListStore} in Cassandra. */
public class CassandraDenyListStore implements DenyListStore {
    private static final String SNAPSHOT = "deny-lists";

    private final CassandraAsyncExecutor executor;
    private final SnapshotVersions versions;
    private final PreparedStatement insert;
    private final PreparedStatement select;
    private final PreparedStatement delete;
    private final PreparedStatement selectKind;

    @Inject
    public CassandraDenyListStore(CqlSession session, SnapshotVersions versions) {
        this.executor = new CassandraAsyncExecutor(session);
        this.versions = versions;
        this.insert = session.prepare(insertInto(TABLE)
            .value(KIND, bindMarker(KIND))
            .value(VALUE, bindMarker(VALUE))
            .build());
        this.select = session.prepare(selectFrom(TABLE).column(VALUE)
            .whereColumn(KIND).isEqualTo(bindMarker(KIND))
            .whereColumn(VALUE).isEqualTo(bindMarker(VALUE))
            .build());
        this.delete = session.prepare(deleteFrom(TABLE)
            .whereColumn(KIND).isEqualTo(bindMarker(KIND))
            .whereColumn(VALUE).isEqualTo(bindMarker(VALUE))
            .build());
        this.selectKind = session.prepare(selectFrom(TABLE).column(VALUE)
            .whereColumn(KIND).isEqualTo(bindMarker(KIND))
            .build());
    }

    @Override
    public Mono<Void> add(DenyEntry entry) {
        return executor.executeVoid(insert.bind()
                .setString(KIND, entry.kind().name())
                .setString(VALUE, entry.value()))
            .then(versions.bump(SNAPSHOT));
    }

    @Override
    public Mono<Boolean> remove(DenyEntry entry) {
        return executor.executeReturnExists(select.bind()
                .setString(KIND, entry.kind().name())
                .setString(VALUE, entry.value()))
            .flatMap(existed -> executor.executeVoid(delete.bind()
                    .setString(KIND, entry.kind().name())
                    .setString(VALUE, entry.value()))
                .then(versions.bump(SNAPSHOT))
                .thenReturn(existed));
    }

    @Override
    public Mono<Optional<UUID>> version() {
        return versions.current(SNAPSHOT);
    }

    @Override
    public Flux<DenyEntry> list(DenyKind kind) {
        return executor.executeRows(selectKind.bind().setString(KIND, kind.name()))
            .map(row -> entry(kind, row));
    }

    @Override
    public Flux<DenyEntry> all() {
        // One partition per kind: six single-partition reads rather than a table scan.
        return Flux.fromIterable(Arrays.asList(DenyKind.values())).concatMap(this::list);
    }

    private static DenyEntry entry(DenyKind kind, Row row) {
        return new DenyEntry(kind, row.getString(VALUE));
    }
}
