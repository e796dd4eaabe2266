package io.extremail.cassandra.search;

import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.bindMarker;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.deleteFrom;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.insertInto;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.selectFrom;
import static io.extremail.cassandra.search.CassandraSearchIndexModule.INDEXED_MESSAGES_TABLE;
import static io.extremail.cassandra.search.CassandraSearchIndexModule.MAILBOX_ID;
import static io.extremail.cassandra.search.CassandraSearchIndexModule.MESSAGE_TERMS_TABLE;
import static io.extremail.cassandra.search.CassandraSearchIndexModule.TERM;
import static io.extremail.cassandra.search.CassandraSearchIndexModule.TERMS;
import static io.extremail.cassandra.search.CassandraSearchIndexModule.TERMS_TABLE;
import static io.extremail.cassandra.search.CassandraSearchIndexModule.UID;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import javax.inject.Inject;

import org.apache.james.backends.cassandra.utils.CassandraAsyncExecutor;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.Iterables;
import com.google.common.collect.Lists;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The word index of messages in Cassandra, shared by every server node of the cluster. A message is written as one row
 * per word, then, with its last words, the list of its words (so it can be removed) and its uid in the mailbox list
 * (so a deleted mailbox can be removed): each step is idempotent, so an interrupted indexing or removal is simply run
 * again.
 */
public class SearchIndexDAO {
    /** Term row of the messages whose words are not all indexed: the tokenizer never produces it. */
    static final String NOT_FULLY_INDEXED = "*";
    private static final int CONCURRENCY = 16;
    /** Keeps a batch under Cassandra's default batch_size_warn_threshold (5 KiB) for words of usual length. */
    private static final int TERMS_PER_BATCH = 40;

    private final CassandraAsyncExecutor executor;
    private final PreparedStatement insertTerm;
    private final PreparedStatement selectUidsOfTerm;
    private final PreparedStatement deleteTerm;
    private final PreparedStatement insertMessageTerms;
    private final PreparedStatement selectMessageTerms;
    private final PreparedStatement deleteMessageTerms;
    private final PreparedStatement insertIndexedMessage;
    private final PreparedStatement selectIndexedMessage;
    private final PreparedStatement selectIndexedMessages;
    private final PreparedStatement deleteIndexedMessage;
    private final PreparedStatement deleteIndexedMessages;

    @Inject
    public SearchIndexDAO(CqlSession session) {
        this.executor = new CassandraAsyncExecutor(session);
        this.insertTerm = session.prepare(insertInto(TERMS_TABLE)
            .value(MAILBOX_ID, bindMarker(MAILBOX_ID))
            .value(TERM, bindMarker(TERM))
            .value(UID, bindMarker(UID))
            .build());
        this.selectUidsOfTerm = session.prepare(selectFrom(TERMS_TABLE).column(UID)
            .whereColumn(MAILBOX_ID).isEqualTo(bindMarker(MAILBOX_ID))
            .whereColumn(TERM).isEqualTo(bindMarker(TERM))
            .build());
        this.deleteTerm = session.prepare(deleteFrom(TERMS_TABLE)
            .whereColumn(MAILBOX_ID).isEqualTo(bindMarker(MAILBOX_ID))
            .whereColumn(TERM).isEqualTo(bindMarker(TERM))
            .whereColumn(UID).isEqualTo(bindMarker(UID))
            .build());
        this.insertMessageTerms = session.prepare(insertInto(MESSAGE_TERMS_TABLE)
            .value(MAILBOX_ID, bindMarker(MAILBOX_ID))
            .value(UID, bindMarker(UID))
            .value(TERMS, bindMarker(TERMS))
            .build());
        this.selectMessageTerms = session.prepare(selectFrom(MESSAGE_TERMS_TABLE).column(TERMS)
            .whereColumn(MAILBOX_ID).isEqualTo(bindMarker(MAILBOX_ID))
            .whereColumn(UID).isEqualTo(bindMarker(UID))
            .build());
        this.deleteMessageTerms = session.prepare(deleteFrom(MESSAGE_TERMS_TABLE)
            .whereColumn(MAILBOX_ID).isEqualTo(bindMarker(MAILBOX_ID))
            .whereColumn(UID).isEqualTo(bindMarker(UID))
            .build());
        this.insertIndexedMessage = session.prepare(insertInto(INDEXED_MESSAGES_TABLE)
            .value(MAILBOX_ID, bindMarker(MAILBOX_ID))
            .value(UID, bindMarker(UID))
            .build());
        this.selectIndexedMessage = session.prepare(selectFrom(INDEXED_MESSAGES_TABLE).column(UID)
            .whereColumn(MAILBOX_ID).isEqualTo(bindMarker(MAILBOX_ID))
            .whereColumn(UID).isEqualTo(bindMarker(UID))
            .build());
        this.selectIndexedMessages = session.prepare(selectFrom(INDEXED_MESSAGES_TABLE).column(UID)
            .whereColumn(MAILBOX_ID).isEqualTo(bindMarker(MAILBOX_ID))
            .build());
        this.deleteIndexedMessage = session.prepare(deleteFrom(INDEXED_MESSAGES_TABLE)
            .whereColumn(MAILBOX_ID).isEqualTo(bindMarker(MAILBOX_ID))
            .whereColumn(UID).isEqualTo(bindMarker(UID))
            .build());
        this.deleteIndexedMessages = session.prepare(deleteFrom(INDEXED_MESSAGES_TABLE)
            .whereColumn(MAILBOX_ID).isEqualTo(bindMarker(MAILBOX_ID))
            .build());
    }

    public Mono<Void> index(UUID mailboxId, long uid, MessageTerms messageTerms) {
        Set<String> terms = new LinkedHashSet<>(messageTerms.terms());
        if (!messageTerms.complete()) {
            terms.add(NOT_FULLY_INDEXED);
        }
        List<BoundStatement> rows = new ArrayList<>();
        terms.forEach(term -> rows.add(insertTerm.bind()
            .setUuid(MAILBOX_ID, mailboxId)
            .setString(TERM, term)
            .setLong(UID, uid)));
        List<List<BoundStatement>> batches = Lists.partition(rows, TERMS_PER_BATCH);
        List<BoundStatement> last = new ArrayList<>(batches.isEmpty() ? List.of() : batches.get(batches.size() - 1));
        last.add(insertMessageTerms.bind()
            .setUuid(MAILBOX_ID, mailboxId)
            .setLong(UID, uid)
            .setSet(TERMS, terms, String.class));
        last.add(insertIndexedMessage.bind()
            .setUuid(MAILBOX_ID, mailboxId)
            .setLong(UID, uid));
        // The message's own rows go with the last words, once the others are written: one request for most messages.
        return Flux.fromIterable(batches.subList(0, Math.max(0, batches.size() - 1)))
            .flatMap(this::executeUnlogged, CONCURRENCY)
            .then(executeUnlogged(last));
    }

    private Mono<Void> executeUnlogged(List<BoundStatement> statements) {
        return executor.executeVoid(BatchStatement.newInstance(BatchType.UNLOGGED,
            statements.toArray(BatchableStatement<?>[]::new)));
    }

    /**
     * One statement per term, sent as unlogged batches of {@value #TERMS_PER_BATCH}: a request per term cost more than
     * writing the rows (a message holds hundreds of distinct words). Unlogged, as each row is written once and alone.
     */
    private Mono<Void> inBatches(Collection<String> terms, Function<String, BoundStatement> statement) {
        return Flux.fromIterable(Iterables.partition(terms, TERMS_PER_BATCH))
            .flatMap(chunk -> executeUnlogged(chunk.stream().map(statement).collect(ImmutableList.toImmutableList())),
                CONCURRENCY)
            .then();
    }

    /**
     * The uids of the messages of the mailbox holding every one of the words, plus those not fully indexed: a superset
     * of the messages the words can match, to be checked one by one by the caller.
     */
    public Mono<Set<Long>> candidates(UUID mailboxId, Collection<String> words) {
        Preconditions.checkArgument(!words.isEmpty(), "at least one word is needed");
        Mono<Set<Long>> holdingAllWords = Flux.fromIterable(words)
            .flatMap(word -> uidsOf(mailboxId, word), CONCURRENCY)
            .reduce((left, right) -> {
                left.retainAll(right);
                return left;
            });
        return holdingAllWords.zipWith(uidsOf(mailboxId, NOT_FULLY_INDEXED), (uids, notFullyIndexed) -> {
            uids.addAll(notFullyIndexed);
            return uids;
        });
    }

    private Mono<Set<Long>> uidsOf(UUID mailboxId, String term) {
        return executor.executeRows(selectUidsOfTerm.bind()
                .setUuid(MAILBOX_ID, mailboxId)
                .setString(TERM, term))
            .map(row -> row.getLong(UID))
            .collect(HashSet::new, Set::add);
    }

    public Mono<Boolean> isIndexed(UUID mailboxId, long uid) {
        return executor.executeReturnExists(selectIndexedMessage.bind()
            .setUuid(MAILBOX_ID, mailboxId)
            .setLong(UID, uid));
    }

    public Mono<Void> delete(UUID mailboxId, long uid) {
        return executor.executeSingleRow(selectMessageTerms.bind()
                .setUuid(MAILBOX_ID, mailboxId)
                .setLong(UID, uid))
            .flatMap(row -> inBatches(row.getSet(TERMS, String.class), term -> deleteTerm.bind()
                .setUuid(MAILBOX_ID, mailboxId)
                .setString(TERM, term)
                .setLong(UID, uid)))
            .then(executor.executeVoid(deleteMessageTerms.bind()
                .setUuid(MAILBOX_ID, mailboxId)
                .setLong(UID, uid)))
            .then(executor.executeVoid(deleteIndexedMessage.bind()
                .setUuid(MAILBOX_ID, mailboxId)
                .setLong(UID, uid)));
    }

    public Mono<Void> deleteMailbox(UUID mailboxId) {
        return executor.executeRows(selectIndexedMessages.bind().setUuid(MAILBOX_ID, mailboxId))
            .map(row -> row.getLong(UID))
            .flatMap(uid -> delete(mailboxId, uid), CONCURRENCY)
            .then(executor.executeVoid(deleteIndexedMessages.bind().setUuid(MAILBOX_ID, mailboxId)));
    }
}
