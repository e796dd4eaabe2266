package io.extremail.cassandra.lists;

import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.bindMarker;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.deleteFrom;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.insertInto;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.selectFrom;
import static io.extremail.cassandra.lists.CassandraMailingListModule.ACCESS;
import static io.extremail.cassandra.lists.CassandraMailingListModule.ADDRESS;
import static io.extremail.cassandra.lists.CassandraMailingListModule.LIST;
import static io.extremail.cassandra.lists.CassandraMailingListModule.LISTS;
import static io.extremail.cassandra.lists.CassandraMailingListModule.MEMBER;
import static io.extremail.cassandra.lists.CassandraMailingListModule.MEMBERS;
import static io.extremail.cassandra.lists.CassandraMailingListModule.OWNERS;

import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.apache.james.backends.cassandra.utils.CassandraAsyncExecutor;
import org.apache.james.core.MailAddress;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;

import io.extremail.lists.Addresses;
import io.extremail.lists.ListAccess;
import io.extremail.lists.MailingList;
import io.extremail.lists.MailingListStore;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** {@link MailingListStore} in Cassandra: one row per list, one partition of rows per list's members. */
public class CassandraMailingListStore implements MailingListStore {
    // Members of one list share a partition: an unlogged batch of them is one mutation, not a coordinator burden.
    private static final int MEMBERS_PER_BATCH = 200;

    private final CassandraAsyncExecutor executor;
    private final PreparedStatement selectAll;
    private final PreparedStatement select;
    private final PreparedStatement insert;
    private final PreparedStatement delete;
    private final PreparedStatement selectMembers;
    private final PreparedStatement countMembers;
    private final PreparedStatement selectMember;
    private final PreparedStatement insertMember;
    private final PreparedStatement deleteMember;
    private final PreparedStatement deleteMembers;

    @Inject
    public CassandraMailingListStore(CqlSession session) {
        this.executor = new CassandraAsyncExecutor(session);
        this.selectAll = session.prepare(selectFrom(LISTS).columns(ADDRESS, ACCESS, OWNERS).build());
        this.select = session.prepare(selectFrom(LISTS).columns(ADDRESS, ACCESS, OWNERS)
            .whereColumn(ADDRESS).isEqualTo(bindMarker(ADDRESS)).build());
        this.insert = session.prepare(insertInto(LISTS)
            .value(ADDRESS, bindMarker(ADDRESS)).value(ACCESS, bindMarker(ACCESS)).value(OWNERS, bindMarker(OWNERS))
            .build());
        this.delete = session.prepare(deleteFrom(LISTS).whereColumn(ADDRESS).isEqualTo(bindMarker(ADDRESS)).build());
        this.selectMembers = session.prepare(selectFrom(MEMBERS).column(MEMBER)
            .whereColumn(LIST).isEqualTo(bindMarker(LIST)).build());
        this.countMembers = session.prepare(selectFrom(MEMBERS).countAll()
            .whereColumn(LIST).isEqualTo(bindMarker(LIST)).build());
        this.selectMember = session.prepare(selectFrom(MEMBERS).column(MEMBER)
            .whereColumn(LIST).isEqualTo(bindMarker(LIST))
            .whereColumn(MEMBER).isEqualTo(bindMarker(MEMBER)).build());
        this.insertMember = session.prepare(insertInto(MEMBERS)
            .value(LIST, bindMarker(LIST)).value(MEMBER, bindMarker(MEMBER)).build());
        this.deleteMember = session.prepare(deleteFrom(MEMBERS)
            .whereColumn(LIST).isEqualTo(bindMarker(LIST))
            .whereColumn(MEMBER).isEqualTo(bindMarker(MEMBER)).build());
        this.deleteMembers = session.prepare(deleteFrom(MEMBERS)
            .whereColumn(LIST).isEqualTo(bindMarker(LIST)).build());
    }

    @Override
    public Flux<MailingList> all() {
        return executor.executeRows(selectAll.bind()).map(CassandraMailingListStore::list);
    }

    @Override
    public Mono<MailingList> get(MailAddress list) {
        return executor.executeSingleRow(select.bind().setString(ADDRESS, key(list))).map(CassandraMailingListStore::list);
    }

    @Override
    public Mono<Void> save(MailingList list) {
        return executor.executeVoid(insert.bind()
            .setString(ADDRESS, key(list.address()))
            .setString(ACCESS, list.access().name())
            .setSet(OWNERS, list.owners().stream().map(MailAddress::asString).collect(Collectors.toSet()), String.class));
    }

    @Override
    public Mono<Void> delete(MailAddress list) {
        return executor.executeVoid(deleteMembers.bind().setString(LIST, key(list)))
            .then(executor.executeVoid(delete.bind().setString(ADDRESS, key(list))));
    }

    @Override
    public Flux<MailAddress> members(MailAddress list) {
        return executor.executeRows(selectMembers.bind().setString(LIST, key(list)))
            .map(row -> Addresses.parse(MEMBER, row.getString(MEMBER)));
    }

    @Override
    public Mono<Long> memberCount(MailAddress list) {
        return executor.executeSingleRow(countMembers.bind().setString(LIST, key(list))).map(row -> row.getLong(0));
    }

    @Override
    public Mono<Boolean> isMember(MailAddress list, MailAddress address) {
        return executor.executeReturnExists(selectMember.bind()
            .setString(LIST, key(list))
            .setString(MEMBER, key(address)));
    }

    @Override
    public Mono<Void> addMembers(MailAddress list, Collection<MailAddress> members) {
        return Flux.fromIterable(members)
            .buffer(MEMBERS_PER_BATCH)
            .concatMap(batch -> executor.executeVoid(BatchStatement.newInstance(BatchType.UNLOGGED, batch.stream()
                .<BatchableStatement<?>>map(member -> insertMember.bind().setString(LIST, key(list)).setString(MEMBER, key(member)))
                .toList())))
            .then();
    }

    @Override
    public Mono<Boolean> removeMember(MailAddress list, MailAddress member) {
        return isMember(list, member).flatMap(existed -> executor.executeVoid(deleteMember.bind()
                .setString(LIST, key(list))
                .setString(MEMBER, key(member)))
            .thenReturn(existed));
    }

    @Override
    public Mono<Void> replaceMembers(MailAddress list, Collection<MailAddress> members) {
        Set<String> wanted = members.stream().map(CassandraMailingListStore::key).collect(Collectors.toSet());
        // Removes only the members that left: a member staying is never absent, even for a moment.
        return members(list).map(CassandraMailingListStore::key)
            .filter(member -> !wanted.contains(member))
            .concatMap(member -> executor.executeVoid(deleteMember.bind().setString(LIST, key(list)).setString(MEMBER, member)))
            .then(addMembers(list, members));
    }

    private static MailingList list(Row row) {
        return new MailingList(Addresses.parse(ADDRESS, row.getString(ADDRESS)),
            ListAccess.parse(row.getString(ACCESS)).orElseThrow(() -> new IllegalStateException(
                LISTS + " row " + row.getString(ADDRESS) + " has an unknown access '" + row.getString(ACCESS) + "'")),
            row.getSet(OWNERS, String.class).stream().map(owner -> Addresses.parse(OWNERS, owner)).collect(Collectors.toSet()));
    }

    private static String key(MailAddress address) {
        return Addresses.normalized(address).asString();
    }
}
