package io.extremail.cassandra.dkim;

import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.bindMarker;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.deleteFrom;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.insertInto;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.selectFrom;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.update;
import static io.extremail.cassandra.dkim.CassandraDkimKeyModule.ACTIVE_SELECTOR;
import static io.extremail.cassandra.dkim.CassandraDkimKeyModule.BITS;
import static io.extremail.cassandra.dkim.CassandraDkimKeyModule.CREATED;
import static io.extremail.cassandra.dkim.CassandraDkimKeyModule.DOMAIN;
import static io.extremail.cassandra.dkim.CassandraDkimKeyModule.PRIVATE_KEY;
import static io.extremail.cassandra.dkim.CassandraDkimKeyModule.PUBLIC_KEY;
import static io.extremail.cassandra.dkim.CassandraDkimKeyModule.SELECTOR;
import static io.extremail.cassandra.dkim.CassandraDkimKeyModule.TABLE;

import java.nio.ByteBuffer;

import javax.inject.Inject;

import org.apache.james.backends.cassandra.utils.CassandraAsyncExecutor;
import org.apache.james.core.Domain;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;

import io.extremail.dkim.DkimKey;
import io.extremail.dkim.DkimKeyStore;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** {@link DkimKeyStore} in Cassandra. The signing mailet reads one row per message it signs. */
public class CassandraDkimKeyStore implements DkimKeyStore {
    private final CassandraAsyncExecutor executor;
    private final PreparedStatement insert;
    private final PreparedStatement selectAll;
    private final PreparedStatement selectOne;
    private final PreparedStatement selectActive;
    private final PreparedStatement setActive;
    private final PreparedStatement clearActive;
    private final PreparedStatement delete;

    @Inject
    public CassandraDkimKeyStore(CqlSession session) {
        this.executor = new CassandraAsyncExecutor(session);
        this.insert = session.prepare(insertInto(TABLE)
            .value(DOMAIN, bindMarker(DOMAIN)).value(SELECTOR, bindMarker(SELECTOR))
            .value(PRIVATE_KEY, bindMarker(PRIVATE_KEY)).value(PUBLIC_KEY, bindMarker(PUBLIC_KEY))
            .value(BITS, bindMarker(BITS)).value(CREATED, bindMarker(CREATED))
            .build());
        this.selectAll = session.prepare(selectFrom(TABLE).all().whereColumn(DOMAIN).isEqualTo(bindMarker(DOMAIN)).build());
        this.selectOne = session.prepare(selectFrom(TABLE).all()
            .whereColumn(DOMAIN).isEqualTo(bindMarker(DOMAIN)).whereColumn(SELECTOR).isEqualTo(bindMarker(SELECTOR)).build());
        this.selectActive = session.prepare(selectFrom(TABLE).column(ACTIVE_SELECTOR).whereColumn(DOMAIN).isEqualTo(bindMarker(DOMAIN))
            .limit(1).build());
        this.setActive = session.prepare(update(TABLE).setColumn(ACTIVE_SELECTOR, bindMarker(ACTIVE_SELECTOR))
            .whereColumn(DOMAIN).isEqualTo(bindMarker(DOMAIN)).build());
        this.clearActive = session.prepare(deleteFrom(TABLE).column(ACTIVE_SELECTOR).whereColumn(DOMAIN).isEqualTo(bindMarker(DOMAIN))
            .ifColumn(ACTIVE_SELECTOR).isEqualTo(bindMarker(ACTIVE_SELECTOR)).build());
        this.delete = session.prepare(deleteFrom(TABLE)
            .whereColumn(DOMAIN).isEqualTo(bindMarker(DOMAIN)).whereColumn(SELECTOR).isEqualTo(bindMarker(SELECTOR)).build());
    }

    @Override
    public Mono<Void> add(DkimKey key) {
        return executor.executeVoid(insert.bind()
            .setString(DOMAIN, key.domain().asString())
            .setString(SELECTOR, key.selector())
            .setByteBuffer(PRIVATE_KEY, ByteBuffer.wrap(key.privateKey()))
            .setByteBuffer(PUBLIC_KEY, ByteBuffer.wrap(key.publicKey()))
            .setInt(BITS, key.bits())
            .setInstant(CREATED, key.created()));
    }

    @Override
    public Flux<DkimKey> keys(Domain domain) {
        return executor.executeRows(selectAll.bind().setString(DOMAIN, domain.asString()))
            .filter(row -> row.getString(SELECTOR) != null)
            .map(row -> toKey(domain, row));
    }

    @Override
    public Mono<DkimKey> key(Domain domain, String selector) {
        return executor.executeSingleRow(selectOne.bind().setString(DOMAIN, domain.asString()).setString(SELECTOR, selector))
            .map(row -> toKey(domain, row));
    }

    @Override
    public Mono<String> activeSelector(Domain domain) {
        return executor.executeSingleRow(selectActive.bind().setString(DOMAIN, domain.asString()))
            .mapNotNull(row -> row.getString(ACTIVE_SELECTOR));
    }

    @Override
    public Mono<Void> activate(Domain domain, String selector) {
        return executor.executeVoid(setActive.bind().setString(DOMAIN, domain.asString()).setString(ACTIVE_SELECTOR, selector));
    }

    @Override
    public Mono<Boolean> remove(Domain domain, String selector) {
        return key(domain, selector)
            .flatMap(existing -> executor.executeVoid(delete.bind().setString(DOMAIN, domain.asString()).setString(SELECTOR, selector))
                .then(executor.executeVoid(clearActive.bind().setString(DOMAIN, domain.asString()).setString(ACTIVE_SELECTOR, selector)))
                .thenReturn(true))
            .defaultIfEmpty(false);
    }

    private static DkimKey toKey(Domain domain, Row row) {
        return new DkimKey(domain, row.getString(SELECTOR), bytes(row.getByteBuffer(PRIVATE_KEY)), bytes(row.getByteBuffer(PUBLIC_KEY)),
            row.getInt(BITS), row.getInstant(CREATED));
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
