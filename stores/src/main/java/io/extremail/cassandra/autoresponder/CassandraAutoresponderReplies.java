package io.extremail.cassandra.autoresponder;

import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.bindMarker;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.insertInto;
import static io.extremail.cassandra.autoresponder.CassandraAutoresponderRepliesModule.SENDER;
import static io.extremail.cassandra.autoresponder.CassandraAutoresponderRepliesModule.TABLE;
import static io.extremail.cassandra.autoresponder.CassandraAutoresponderRepliesModule.USERNAME;

import java.time.Duration;
import java.util.Locale;

import javax.inject.Inject;

import org.apache.james.backends.cassandra.utils.CassandraAsyncExecutor;
import org.apache.james.core.MailAddress;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.google.common.base.Preconditions;

import reactor.core.publisher.Mono;

/**
 * {@link AutoresponderReplies} in Cassandra: a lightweight transaction ({@code INSERT ... IF NOT EXISTS USING TTL}),
 * so concurrent claims for one (user, sender) are serialised by Paxos and exactly one is applied. An expired row
 * counts as absent, which reopens the pair after the interval.
 */
public class CassandraAutoresponderReplies implements AutoresponderReplies {
    private static final String TTL = "ttl";

    private final CassandraAsyncExecutor executor;
    private final PreparedStatement insertIfAbsent;

    @Inject
    public CassandraAutoresponderReplies(CqlSession session) {
        this.executor = new CassandraAsyncExecutor(session);
        this.insertIfAbsent = session.prepare(insertInto(TABLE)
            .value(USERNAME, bindMarker(USERNAME))
            .value(SENDER, bindMarker(SENDER))
            .ifNotExists()
            .usingTtl(bindMarker(TTL))
            .build());
    }

    @Override
    public Mono<Boolean> claim(MailAddress user, MailAddress sender, Duration interval) {
        Preconditions.checkArgument(interval.compareTo(MIN_INTERVAL) >= 0 && interval.compareTo(MAX_INTERVAL) <= 0,
            "interval must be between %s and %s: %s", MIN_INTERVAL, MAX_INTERVAL, interval);
        return executor.executeReturnApplied(insertIfAbsent.bind()
            .setString(USERNAME, key(user))
            .setString(SENDER, key(sender))
            .setInt(TTL, (int) interval.getSeconds()));
    }

    /** Addresses compared case-insensitively: "Hank@Example.com" and "hank@example.com" get one reply. */
    private static String key(MailAddress address) {
        return address.asString().toLowerCase(Locale.ROOT);
    }
}
