package io.extremail.cassandra.delivery;

import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.bindMarker;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.insertInto;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.selectFrom;
import static io.extremail.cassandra.delivery.CassandraDeliveryJournalModule.DELIVERY_ID;
import static io.extremail.cassandra.delivery.CassandraDeliveryJournalModule.RECIPIENT;
import static io.extremail.cassandra.delivery.CassandraDeliveryJournalModule.TABLE;

import javax.inject.Inject;

import org.apache.james.backends.cassandra.utils.CassandraAsyncExecutor;
import org.apache.james.core.MailAddress;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;

import reactor.core.publisher.Mono;

/** {@link DeliveryJournal} in Cassandra: one read and one write per local recipient. */
public class CassandraDeliveryJournal implements DeliveryJournal {
    private final CassandraAsyncExecutor executor;
    private final PreparedStatement select;
    private final PreparedStatement insert;

    @Inject
    public CassandraDeliveryJournal(CqlSession session) {
        this.executor = new CassandraAsyncExecutor(session);
        this.select = session.prepare(selectFrom(TABLE).column(RECIPIENT)
            .whereColumn(DELIVERY_ID).isEqualTo(bindMarker(DELIVERY_ID))
            .whereColumn(RECIPIENT).isEqualTo(bindMarker(RECIPIENT))
            .build());
        this.insert = session.prepare(insertInto(TABLE)
            .value(DELIVERY_ID, bindMarker(DELIVERY_ID))
            .value(RECIPIENT, bindMarker(RECIPIENT))
            .build());
    }

    @Override
    public Mono<Boolean> hasStarted(String deliveryId, MailAddress recipient) {
        return executor.executeReturnExists(select.bind()
            .setString(DELIVERY_ID, deliveryId)
            .setString(RECIPIENT, recipient.asString()));
    }

    @Override
    public Mono<Void> markStarted(String deliveryId, MailAddress recipient) {
        return executor.executeVoid(insert.bind()
            .setString(DELIVERY_ID, deliveryId)
            .setString(RECIPIENT, recipient.asString()));
    }
}
