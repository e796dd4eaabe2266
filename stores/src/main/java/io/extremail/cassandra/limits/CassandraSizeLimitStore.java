package io.extremail.cassandra.limits;

import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.bindMarker;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.deleteFrom;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.insertInto;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.selectFrom;
import static io.extremail.cassandra.limits.CassandraSizeLimitModule.MAX_INCOMING;
import static io.extremail.cassandra.limits.CassandraSizeLimitModule.MAX_OUTGOING;
import static io.extremail.cassandra.limits.CassandraSizeLimitModule.SCOPE;
import static io.extremail.cassandra.limits.CassandraSizeLimitModule.TABLE;

import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.backends.cassandra.utils.CassandraAsyncExecutor;
import org.apache.james.core.Domain;
import org.apache.james.core.Username;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;

import io.extremail.limits.SizeLimitStore;
import io.extremail.limits.SizeLimits;
import reactor.core.publisher.Mono;

/** {@link SizeLimitStore} in Cassandra. */
public class CassandraSizeLimitStore implements SizeLimitStore {
    private final CassandraAsyncExecutor executor;
    private final PreparedStatement select;
    private final PreparedStatement insert;
    private final PreparedStatement delete;

    @Inject
    public CassandraSizeLimitStore(CqlSession session) {
        this.executor = new CassandraAsyncExecutor(session);
        this.select = session.prepare(selectFrom(TABLE).columns(MAX_INCOMING, MAX_OUTGOING)
            .whereColumn(SCOPE).isEqualTo(bindMarker(SCOPE)).build());
        this.insert = session.prepare(insertInto(TABLE)
            .value(SCOPE, bindMarker(SCOPE))
            .value(MAX_INCOMING, bindMarker(MAX_INCOMING))
            .value(MAX_OUTGOING, bindMarker(MAX_OUTGOING))
            .build());
        this.delete = session.prepare(deleteFrom(TABLE).whereColumn(SCOPE).isEqualTo(bindMarker(SCOPE)).build());
    }

    @Override
    public Mono<SizeLimits> ofUser(Username user) {
        return read("user:" + user.asString());
    }

    @Override
    public Mono<SizeLimits> ofDomain(Domain domain) {
        return read("domain:" + domain.asString());
    }

    @Override
    public Mono<Void> setUser(Username user, SizeLimits limits) {
        return write("user:" + user.asString(), limits);
    }

    @Override
    public Mono<Void> setDomain(Domain domain, SizeLimits limits) {
        return write("domain:" + domain.asString(), limits);
    }

    private Mono<SizeLimits> read(String scope) {
        return executor.executeSingleRow(select.bind().setString(SCOPE, scope))
            .map(CassandraSizeLimitStore::limits)
            .defaultIfEmpty(SizeLimits.NONE);
    }

    private Mono<Void> write(String scope, SizeLimits limits) {
        if (limits.isEmpty()) {
            return executor.executeVoid(delete.bind().setString(SCOPE, scope));
        }
        return executor.executeVoid(insert.bind()
            .setString(SCOPE, scope)
            .set(MAX_INCOMING, limits.maxIncoming().orElse(null), Long.class)
            .set(MAX_OUTGOING, limits.maxOutgoing().orElse(null), Long.class));
    }

    private static SizeLimits limits(Row row) {
        return new SizeLimits(
            Optional.ofNullable(row.get(MAX_INCOMING, Long.class)),
            Optional.ofNullable(row.get(MAX_OUTGOING, Long.class)));
    }
}
