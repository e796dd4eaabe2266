package io.extremail.server.cassandra;

import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.bindMarker;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.insertInto;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.selectFrom;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.update;
import static com.datastax.oss.driver.api.querybuilder.relation.Relation.column;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.james.backends.cassandra.init.configuration.JamesExecutionProfiles;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DriverExecutionProfile;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.type.codec.TypeCodecs;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;

import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * A counter per mailbox (its last UID, its highest MODSEQ) in one of James's Cassandra tables, advanced only by
 * compare-and-set (a lightweight transaction), so that every server sharing the cluster hands out each value once.
 *
 * <p>Why not James's providers: they read the row at SERIAL and then compare-and-set it, for every message. Twenty
 * spool threads delivering into one mailbox make most of those compare-and-sets fail and start over (measured: 24
 * Paxos writes per delivered message). Here, the requests of this server for one mailbox wait while one
 * compare-and-set is in flight and are then served together by the next, which allocates a range. The value last
 * seen is kept in memory, so an allocation is one compare-and-set without a read; when another server advanced the
 * row meanwhile, the failed compare-and-set returns the row's value and is tried again from it.
 */
final class MailboxCounters {
    /** Compare-and-sets tried for one batch before its requests fail (only other servers can make them fail). */
    private static final int MAX_ATTEMPTS = 100;
    private static final int REMEMBERED_MAILBOXES = 100_000;

    private static final CqlIdentifier EXPECTED = CqlIdentifier.fromCql("expected");

    private final CqlSession session;
    private final CqlIdentifier mailboxColumn;
    private final CqlIdentifier valueColumn;
    private final PreparedStatement select;
    private final PreparedStatement insert;
    private final PreparedStatement update;
    private final DriverExecutionProfile serialProfile;
    private final ConcurrentHashMap<UUID, Batches> busy = new ConcurrentHashMap<>();
    private final Cache<UUID, Long> lastSeen = CacheBuilder.newBuilder().maximumSize(REMEMBERED_MAILBOXES).build();

    /** Values {@code first..last}, both included. */
    record Range(long first, long last) {
    }

    private record Request(int count, MonoSink<Range> sink) {
    }

    /** The requests waiting for the compare-and-set in flight on one mailbox. */
    private static final class Batches {
        private List<Request> waiting = new ArrayList<>();

        List<Request> takeWaiting() {
            List<Request> taken = waiting;
            waiting = new ArrayList<>();
            return taken;
        }
    }

    MailboxCounters(CqlSession session, String table, CqlIdentifier mailboxColumn, CqlIdentifier valueColumn) {
        this.session = session;
        this.mailboxColumn = mailboxColumn;
        this.valueColumn = valueColumn;
        this.serialProfile = JamesExecutionProfiles.getLWTProfile(session);
        this.select = session.prepare(selectFrom(table).column(valueColumn)
            .where(column(mailboxColumn).isEqualTo(bindMarker(mailboxColumn))).build());
        this.insert = session.prepare(insertInto(table)
            .value(mailboxColumn, bindMarker(mailboxColumn))
            .value(valueColumn, bindMarker(valueColumn))
            .ifNotExists().build());
        this.update = session.prepare(update(table)
            .setColumn(valueColumn, bindMarker(valueColumn))
            .where(column(mailboxColumn).isEqualTo(bindMarker(mailboxColumn)))
            .ifColumn(valueColumn).isEqualTo(bindMarker(EXPECTED)).build());
    }

    /** The last value handed out for the mailbox, if any; {@code serial} also sees a compare-and-set in progress. */
    Mono<Long> last(UUID mailbox, boolean serial) {
        BoundStatement statement = select.bind().set(mailboxColumn, mailbox, TypeCodecs.TIMEUUID);
        return execute(serial ? statement.setExecutionProfile(serialProfile) : statement)
            .flatMap(result -> Mono.justOrEmpty(valueOf(result.one())));
    }

    /** {@code count} new values for the mailbox, greater than every value handed out before. */
    Mono<Range> allocate(UUID mailbox, int count) {
        if (count < 1) {
            return Mono.error(new IllegalArgumentException("count must be positive: " + count));
        }
        return Mono.create(sink -> {
            AtomicReference<List<Request>> startNow = new AtomicReference<>();
            busy.compute(mailbox, (key, batches) -> {
                if (batches == null) {
                    startNow.set(new ArrayList<>(List.of(new Request(count, sink))));
                    return new Batches();
                }
                batches.waiting.add(new Request(count, sink));
                return batches;
            });
            if (startNow.get() != null) {
                run(mailbox, startNow.get());
            }
        });
    }

    private void run(UUID mailbox, List<Request> batch) {
        int total = batch.stream().mapToInt(Request::count).sum();
        Long known = lastSeen.getIfPresent(mailbox);
        Mono<Optional<Long>> expected = known != null ? Mono.just(Optional.of(known)) : last(mailbox, false).map(Optional::of).defaultIfEmpty(Optional.empty());
        expected.flatMap(value -> compareAndSet(mailbox, value, total, 1))
            .subscribe(
                newLast -> {
                    lastSeen.put(mailbox, newLast);
                    long next = newLast - total + 1;
                    for (Request request : batch) {
                        request.sink().success(new Range(next, next + request.count() - 1));
                        next += request.count();
                    }
                    runNext(mailbox);
                },
                error -> {
                    lastSeen.invalidate(mailbox);
                    batch.forEach(request -> request.sink().error(error));
                    runNext(mailbox);
                });
    }

    private void runNext(UUID mailbox) {
        AtomicReference<List<Request>> next = new AtomicReference<>();
        busy.compute(mailbox, (key, batches) -> {
            if (batches == null || batches.waiting.isEmpty()) {
                return null;
            }
            next.set(batches.takeWaiting());
            return batches;
        });
        if (next.get() != null) {
            run(mailbox, next.get());
        }
    }

    /** The new last value once {@code expected} (empty: no row yet) was advanced by {@code count}. */
    private Mono<Long> compareAndSet(UUID mailbox, Optional<Long> expected, int count, int attempt) {
        long newLast = expected.orElse(0L) + count;
        BoundStatement statement = expected.isPresent()
            ? update.bind().set(EXPECTED, expected.get(), TypeCodecs.BIGINT)
            : insert.bind();
        statement = statement.set(mailboxColumn, mailbox, TypeCodecs.TIMEUUID).set(valueColumn, newLast, TypeCodecs.BIGINT);
        return execute(statement).flatMap(result -> {
            if (result.wasApplied()) {
                return Mono.just(newLast);
            }
            if (attempt >= MAX_ATTEMPTS) {
                return Mono.error(new IllegalStateException("counter of mailbox " + mailbox + " in " + valueColumn
                    + ": still changed by other servers after " + attempt + " attempts"));
            }
            return compareAndSet(mailbox, valueOf(result.one()), count, attempt + 1);
        });
    }

    private Optional<Long> valueOf(Row row) {
        return row == null || row.isNull(valueColumn) ? Optional.empty() : Optional.of(row.getLong(valueColumn));
    }

    private Mono<AsyncResultSet> execute(BoundStatement statement) {
        return Mono.fromCompletionStage(() -> session.executeAsync(statement));
    }
}
