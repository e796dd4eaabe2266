package io.extremail.cassandra.mapping;

import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.bindMarker;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.deleteFrom;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.insertInto;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.selectFrom;
import static io.extremail.cassandra.mapping.CassandraLoginMappingModule.LOGIN;
import static io.extremail.cassandra.mapping.CassandraLoginMappingModule.LOGINS;
import static io.extremail.cassandra.mapping.CassandraLoginMappingModule.MAILBOX;
import static io.extremail.cassandra.mapping.CassandraLoginMappingModule.MAILBOX_LOGINS;

import java.util.Locale;

import javax.inject.Inject;

import org.apache.james.backends.cassandra.utils.CassandraAsyncExecutor;
import org.apache.james.core.Username;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;

import io.extremail.mapping.LoginMappingStore;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link LoginMappingStore} in Cassandra. The by-mailbox table is written after the by-login one and removed
 * before it, so an interrupted change can leave a login that works but is not listed, never a listed one that
 * does not work; mapping the login again repairs it.
 */
public class CassandraLoginMappingStore implements LoginMappingStore {
    private final CassandraAsyncExecutor executor;
    private final PreparedStatement insertLogin;
    private final PreparedStatement insertMailboxLogin;
    private final PreparedStatement selectMailbox;
    private final PreparedStatement selectLogins;
    private final PreparedStatement deleteLogin;
    private final PreparedStatement deleteMailboxLogin;

    @Inject
    public CassandraLoginMappingStore(CqlSession session) {
        this.executor = new CassandraAsyncExecutor(session);
        this.insertLogin = session.prepare(insertInto(LOGINS)
            .value(LOGIN, bindMarker(LOGIN)).value(MAILBOX, bindMarker(MAILBOX)).build());
        this.insertMailboxLogin = session.prepare(insertInto(MAILBOX_LOGINS)
            .value(MAILBOX, bindMarker(MAILBOX)).value(LOGIN, bindMarker(LOGIN)).build());
        this.selectMailbox = session.prepare(selectFrom(LOGINS).column(MAILBOX)
            .whereColumn(LOGIN).isEqualTo(bindMarker(LOGIN)).build());
        this.selectLogins = session.prepare(selectFrom(MAILBOX_LOGINS).column(LOGIN)
            .whereColumn(MAILBOX).isEqualTo(bindMarker(MAILBOX)).build());
        this.deleteLogin = session.prepare(deleteFrom(LOGINS)
            .whereColumn(LOGIN).isEqualTo(bindMarker(LOGIN)).build());
        this.deleteMailboxLogin = session.prepare(deleteFrom(MAILBOX_LOGINS)
            .whereColumn(MAILBOX).isEqualTo(bindMarker(MAILBOX))
            .whereColumn(LOGIN).isEqualTo(bindMarker(LOGIN)).build());
    }

    @Override
    public Mono<Void> map(Username login, Username mailbox) {
        String key = key(login);
        // A login moved to another mailbox leaves the first mailbox's list.
        return mailboxOf(login)
            .flatMap(previous -> executor.executeVoid(deleteMailboxLogin.bind()
                .setString(MAILBOX, previous.asString()).setString(LOGIN, key)))
            .then(executor.executeVoid(insertLogin.bind().setString(LOGIN, key).setString(MAILBOX, mailbox.asString())))
            .then(executor.executeVoid(insertMailboxLogin.bind().setString(MAILBOX, mailbox.asString()).setString(LOGIN, key)));
    }

    @Override
    public Mono<Boolean> unmap(Username login) {
        String key = key(login);
        return mailboxOf(login)
            .flatMap(mailbox -> executor.executeVoid(deleteMailboxLogin.bind()
                    .setString(MAILBOX, mailbox.asString()).setString(LOGIN, key))
                .then(executor.executeVoid(deleteLogin.bind().setString(LOGIN, key)))
                .thenReturn(true))
            .defaultIfEmpty(false);
    }

    @Override
    public Mono<Username> mailboxOf(Username login) {
        return executor.executeSingleRow(selectMailbox.bind().setString(LOGIN, key(login)))
            .map(row -> Username.of(row.getString(MAILBOX)));
    }

    @Override
    public Flux<Username> loginsOf(Username mailbox) {
        return executor.executeRows(selectLogins.bind().setString(MAILBOX, mailbox.asString()))
            .map(row -> Username.of(row.getString(LOGIN)));
    }

    private static String key(Username login) {
        return login.asString().toLowerCase(Locale.ROOT);
    }
}
