package io.extremail.cassandra.copy;

import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.bindMarker;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.deleteFrom;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.insertInto;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.selectFrom;
import static io.extremail.cassandra.copy.CassandraMailCopyModule.INCLUDE_SENT;
import static io.extremail.cassandra.copy.CassandraMailCopyModule.TABLE;
import static io.extremail.cassandra.copy.CassandraMailCopyModule.TARGET;
import static io.extremail.cassandra.copy.CassandraMailCopyModule.USER;

import javax.inject.Inject;
import javax.mail.internet.AddressException;

import org.apache.james.backends.cassandra.utils.CassandraAsyncExecutor;
import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;

import io.extremail.copy.MailCopy;
import io.extremail.copy.MailCopyStore;
import reactor.core.publisher.Mono;

/** {@link MailCopyStore} in Cassandra: one read per delivery to a local user. */
public class CassandraMailCopyStore implements MailCopyStore {
    private final CassandraAsyncExecutor executor;
    private final PreparedStatement select;
    private final PreparedStatement insert;
    private final PreparedStatement delete;

    @Inject
    public CassandraMailCopyStore(CqlSession session) {
        this.executor = new CassandraAsyncExecutor(session);
        this.select = session.prepare(selectFrom(TABLE).columns(TARGET, INCLUDE_SENT)
            .whereColumn(USER).isEqualTo(bindMarker(USER)).build());
        this.insert = session.prepare(insertInto(TABLE)
            .value(USER, bindMarker(USER)).value(TARGET, bindMarker(TARGET)).value(INCLUDE_SENT, bindMarker(INCLUDE_SENT))
            .build());
        this.delete = session.prepare(deleteFrom(TABLE).whereColumn(USER).isEqualTo(bindMarker(USER)).build());
    }

    @Override
    public Mono<MailCopy> of(Username user) {
        return executor.executeSingleRow(select.bind().setString(USER, user.asString()))
            .handle((row, sink) -> {
                try {
                    sink.next(new MailCopy(new MailAddress(row.getString(TARGET)), row.getBoolean(INCLUDE_SENT)));
                } catch (AddressException e) {
                    sink.error(new IllegalStateException("mail_copies of " + user.asString() + " holds an invalid address", e));
                }
            });
    }

    @Override
    public Mono<Void> set(Username user, MailCopy copy) {
        return executor.executeVoid(insert.bind()
            .setString(USER, user.asString())
            .setString(TARGET, copy.target().asString())
            .setBoolean(INCLUDE_SENT, copy.includeSent()));
    }

    @Override
    public Mono<Boolean> remove(Username user) {
        return of(user).flatMap(existing -> executor.executeVoid(delete.bind().setString(USER, user.asString())).thenReturn(true))
            .defaultIfEmpty(false);
    }
}
