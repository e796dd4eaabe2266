package io.extremail.cassandra.events;

import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.bindMarker;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.deleteFrom;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.insertInto;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.selectFrom;
import static io.extremail.cassandra.events.CassandraEventDeadLettersModule.EVENT;
import static io.extremail.cassandra.events.CassandraEventDeadLettersModule.EVENTS_TABLE;
import static io.extremail.cassandra.events.CassandraEventDeadLettersModule.GROUP;
import static io.extremail.cassandra.events.CassandraEventDeadLettersModule.GROUPS_TABLE;
import static io.extremail.cassandra.events.CassandraEventDeadLettersModule.INSERTION_ID;

import javax.inject.Inject;

import org.apache.james.backends.cassandra.utils.CassandraAsyncExecutor;
import org.apache.james.events.Event;
import org.apache.james.events.EventDeadLetters;
import org.apache.james.events.EventSerializer;
import org.apache.james.events.Group;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.google.common.base.Preconditions;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link EventDeadLetters} in Cassandra (James 3.8.1's Cassandra implementation does not resolve here), so that
 * events a listener failed on survive a restart and can be redelivered over WebAdmin.
 */
public class CassandraEventDeadLetters implements EventDeadLetters {
    private final CassandraAsyncExecutor executor;
    private final EventSerializer serializer;
    private final PreparedStatement insertEvent;
    private final PreparedStatement insertGroup;
    private final PreparedStatement deleteEvent;
    private final PreparedStatement deleteGroupEvents;
    private final PreparedStatement deleteGroup;
    private final PreparedStatement selectEvent;
    private final PreparedStatement selectIds;
    private final PreparedStatement selectGroups;

    @Inject
    public CassandraEventDeadLetters(CqlSession session, EventSerializer serializer) {
        this.executor = new CassandraAsyncExecutor(session);
        this.serializer = serializer;
        this.insertEvent = session.prepare(insertInto(EVENTS_TABLE)
            .value(GROUP, bindMarker(GROUP)).value(INSERTION_ID, bindMarker(INSERTION_ID)).value(EVENT, bindMarker(EVENT)).build());
        this.insertGroup = session.prepare(insertInto(GROUPS_TABLE).value(GROUP, bindMarker(GROUP)).build());
        this.deleteEvent = session.prepare(deleteFrom(EVENTS_TABLE)
            .whereColumn(GROUP).isEqualTo(bindMarker(GROUP)).whereColumn(INSERTION_ID).isEqualTo(bindMarker(INSERTION_ID)).build());
        this.deleteGroupEvents = session.prepare(deleteFrom(EVENTS_TABLE).whereColumn(GROUP).isEqualTo(bindMarker(GROUP)).build());
        this.deleteGroup = session.prepare(deleteFrom(GROUPS_TABLE).whereColumn(GROUP).isEqualTo(bindMarker(GROUP)).build());
        this.selectEvent = session.prepare(selectFrom(EVENTS_TABLE).column(EVENT)
            .whereColumn(GROUP).isEqualTo(bindMarker(GROUP)).whereColumn(INSERTION_ID).isEqualTo(bindMarker(INSERTION_ID)).build());
        this.selectIds = session.prepare(selectFrom(EVENTS_TABLE).column(INSERTION_ID)
            .whereColumn(GROUP).isEqualTo(bindMarker(GROUP)).build());
        this.selectGroups = session.prepare(selectFrom(GROUPS_TABLE).column(GROUP).build());
    }

    @Override
    public Mono<InsertionId> store(Group registeredGroup, Event failDeliveredEvent) {
        Preconditions.checkArgument(registeredGroup != null, REGISTERED_GROUP_CANNOT_BE_NULL);
        Preconditions.checkArgument(failDeliveredEvent != null, FAIL_DELIVERED_EVENT_CANNOT_BE_NULL);
        InsertionId insertionId = InsertionId.random();
        return executor.executeVoid(insertEvent.bind()
                .setString(GROUP, registeredGroup.asString())
                .setUuid(INSERTION_ID, insertionId.getId())
                .setString(EVENT, serializer.toJson(failDeliveredEvent)))
            .then(executor.executeVoid(insertGroup.bind().setString(GROUP, registeredGroup.asString())))
            .thenReturn(insertionId);
    }

    @Override
    public Mono<Void> remove(Group registeredGroup, InsertionId failDeliveredInsertionId) {
        Preconditions.checkArgument(registeredGroup != null, REGISTERED_GROUP_CANNOT_BE_NULL);
        Preconditions.checkArgument(failDeliveredInsertionId != null, FAIL_DELIVERED_ID_INSERTION_CANNOT_BE_NULL);
        return executor.executeVoid(deleteEvent.bind()
            .setString(GROUP, registeredGroup.asString())
            .setUuid(INSERTION_ID, failDeliveredInsertionId.getId()));
    }

    @Override
    public Mono<Void> remove(Group registeredGroup) {
        Preconditions.checkArgument(registeredGroup != null, REGISTERED_GROUP_CANNOT_BE_NULL);
        return executor.executeVoid(deleteGroupEvents.bind().setString(GROUP, registeredGroup.asString()))
            .then(executor.executeVoid(deleteGroup.bind().setString(GROUP, registeredGroup.asString())));
    }

    @Override
    public Mono<Event> failedEvent(Group registeredGroup, InsertionId failDeliveredInsertionId) {
        Preconditions.checkArgument(registeredGroup != null, REGISTERED_GROUP_CANNOT_BE_NULL);
        Preconditions.checkArgument(failDeliveredInsertionId != null, FAIL_DELIVERED_ID_INSERTION_CANNOT_BE_NULL);
        return executor.executeSingleRow(selectEvent.bind()
                .setString(GROUP, registeredGroup.asString())
                .setUuid(INSERTION_ID, failDeliveredInsertionId.getId()))
            .map(row -> serializer.asEvent(row.getString(EVENT)));
    }

    @Override
    public Flux<InsertionId> failedIds(Group registeredGroup) {
        Preconditions.checkArgument(registeredGroup != null, REGISTERED_GROUP_CANNOT_BE_NULL);
        return executor.executeRows(selectIds.bind().setString(GROUP, registeredGroup.asString()))
            .map(row -> InsertionId.of(row.getUuid(INSERTION_ID)));
    }

    @Override
    public Flux<Group> groupsWithFailedEvents() {
        // A group row outlives the removal of its last event one by one: only groups with events count.
        return executor.executeRows(selectGroups.bind())
            .flatMap(row -> Mono.fromCallable(() -> Group.deserialize(row.getString(GROUP))))
            .filterWhen(group -> failedIds(group).hasElements());
    }

    @Override
    public Mono<Boolean> containEvents() {
        return groupsWithFailedEvents().hasElements();
    }
}
