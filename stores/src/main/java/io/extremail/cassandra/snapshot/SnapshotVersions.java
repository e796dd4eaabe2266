package io.extremail.cassandra.snapshot;

import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.bindMarker;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.insertInto;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.now;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.selectFrom;
import static io.extremail.cassandra.snapshot.CassandraSnapshotVersionsModule.NAME;
import static io.extremail.cassandra.snapshot.CassandraSnapshotVersionsModule.TABLE;
import static io.extremail.cassandra.snapshot.CassandraSnapshotVersionsModule.VERSION;

import java.util.Optional;
import java.util.UUID;

import javax.inject.Inject;

import org.apache.james.backends.cassandra.utils.CassandraAsyncExecutor;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;

import reactor.core.publisher.Mono;

/**
 * The version of each set of data that every server keeps whole in memory (see
 * {@link io.extremail.snapshot.ReloadingSnapshot}): changed with the data, so that a server learns with a one-row read
 * whether its copy is still current, instead of reading the whole set again.
 */
public class SnapshotVersions {
    private final CassandraAsyncExecutor executor;
    private final PreparedStatement bump;
    private final PreparedStatement select;

    @Inject
    public SnapshotVersions(CqlSession session) {
        this.executor = new CassandraAsyncExecutor(session);
        this.bump = session.prepare(insertInto(TABLE)
            .value(NAME, bindMarker(NAME))
            .value(VERSION, now())
            .build());
        this.select = session.prepare(selectFrom(TABLE).column(VERSION)
            .whereColumn(NAME).isEqualTo(bindMarker(NAME))
            .build());
    }

    /** Call after every change of the data named {@code name}. */
    public Mono<Void> bump(String name) {
        return executor.executeVoid(bump.bind().setString(NAME, name));
    }

    /** Empty while the data was never changed. */
    public Mono<Optional<UUID>> current(String name) {
        return executor.executeSingleRowOptional(select.bind().setString(NAME, name))
            .map(row -> row.map(found -> found.getUuid(VERSION)));
    }
}
