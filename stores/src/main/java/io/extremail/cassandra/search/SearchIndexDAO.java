package io.extremail.cassandra.search;

import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.bindMarker;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.deleteFrom;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.insertInto;
import static com.datastax.oss.driver.api.querybuilder.QueryBuilder.selectFrom;
import static io.extremail.cassandra.search.CassandraSearchIndexModule.BUCKET;
import static io.extremail.cassandra.search.CassandraSearchIndexModule.BUCKETS_TABLE;
import static io.extremail.cassandra.search.CassandraSearchIndexModule.MAILBOX_ID;
import static io.extremail.cassandra.search.CassandraSearchIndexModule.MESSAGE_TERMS_TABLE;
import static io.extremail.cassandra.search.CassandraSearchIndexModule.TERM;
import static io.extremail.cassandra.search.CassandraSearchIndexModule.TERMS;
import static io.extremail.cassandra.search.CassandraSearchIndexModule.TERMS_TABLE;
import static io.extremail.cassandra.search.CassandraSearchIndexModule.UID;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.inject.Inject;

import org.apache.james.backends.cassandra.utils.CassandraAsyncExecutor;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.google.common.base.Preconditions;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.common.collect.Lists;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The word index of messages in Cassandra, shared by every server node of the cluster. The uids of a mailbox are
 * split in buckets of {@value #BUCKET_SIZE}; a bucket is one partition holding a row per word and message, and a row
 * per message with the list of its words (so it can be removed). A message is written as one single-partition batch:
 * Cassandra applies it as one mutation, however many words it has, where a partition per word cost one mutation per
 * distinct word. A search reads, in each bucket of the mailbox, the rows of its words. Each step is idempotent, so an
 * interrupted indexing or removal is simply run again.
 */
public class SearchIndexDAO {
    /** Uids per partition: a few megabytes of words for usual mail; 100,000 messages are 196 partitions to search. */
    public static final long BUCKET_SIZE = 512;
    /** Term row of the messages whose words are not all indexed: the tokenizer never produces it. */
    static final String NOT_FULLY_INDEXED = "*";
    private static final int CONCURRENCY = 16;
    /** A message with more words is written as several batches of this many rows, all in its partition. */
    private static final int ROWS_PER_BATCH = 1000;

    private record Bucket(UUID mailboxId, long bucket) {
    }

    private final CassandraAsyncExecutor executor;
    private final PreparedStatement insertTerm;
    private final PreparedStatement selectTerms;
    private final PreparedStatement deleteTerm;
    private final PreparedStatement deleteTermsOfBucket;
    private final PreparedStatement insertMessageTerms;
    private final PreparedStatement selectMessageTerms;
    private final PreparedStatement deleteMessageTerms;
    private final PreparedStatement deleteMessageTermsOfBucket;
    private final PreparedStatement insertBucket;
    private final PreparedStatement selectBuckets;
    private final PreparedStatement deleteBuckets;
    /** Buckets this node has recorded in {@code search_buckets}: one write per bucket, not per message. */
    private final Cache<Bucket, Boolean> recordedBuckets = CacheBuilder.newBuilder()
        .maximumSize(100_000)
        .build();

    @Inject
    public SearchIndexDAO(CqlSession session) {
        this.executor = new CassandraAsyncExecutor(session);
        this.insertTerm = session.prepare(insertInto(TERMS_TABLE)
            .value(MAILBOX_ID, bindMarker(MAILBOX_ID))
            .value(BUCKET, bindMarker(BUCKET))
            .value(TERM, bindMarker(TERM))
            .value(UID, bindMarker(UID))
            .build());
        this.selectTerms = session.prepare(selectFrom(TERMS_TABLE).column(TERM).column(UID)
            .whereColumn(MAILBOX_ID).isEqualTo(bindMarker(MAILBOX_ID))
            .whereColumn(BUCKET).isEqualTo(bindMarker(BUCKET))
            .whereColumn(TERM).in(bindMarker(TERMS))
            .build());
        this.deleteTerm = session.prepare(deleteFrom(TERMS_TABLE)
            .whereColumn(MAILBOX_ID).isEqualTo(bindMarker(MAILBOX_ID))
            .whereColumn(BUCKET).isEqualTo(bindMarker(BUCKET))
            .whereColumn(TERM).isEqualTo(bindMarker(TERM))
            .whereColumn(UID).isEqualTo(bindMarker(UID))
            .build());
        this.deleteTermsOfBucket = session.prepare(deleteFrom(TERMS_TABLE)
            .whereColumn(MAILBOX_ID).isEqualTo(bindMarker(MAILBOX_ID))
            .whereColumn(BUCKET).isEqualTo(bindMarker(BUCKET))
            .build());
        this.insertMessageTerms = session.prepare(insertInto(MESSAGE_TERMS_TABLE)
            .value(MAILBOX_ID, bindMarker(MAILBOX_ID))
            .value(BUCKET, bindMarker(BUCKET))
            .value(UID, bindMarker(UID))
            .value(TERMS, bindMarker(TERMS))
            .build());
        this.selectMessageTerms = session.prepare(selectFrom(MESSAGE_TERMS_TABLE).column(TERMS)
            .whereColumn(MAILBOX_ID).isEqualTo(bindMarker(MAILBOX_ID))
            .whereColumn(BUCKET).isEqualTo(bindMarker(BUCKET))
            .whereColumn(UID).isEqualTo(bindMarker(UID))
            .build());
        this.deleteMessageTerms = session.prepare(deleteFrom(MESSAGE_TERMS_TABLE)
            .whereColumn(MAILBOX_ID).isEqualTo(bindMarker(MAILBOX_ID))
            .whereColumn(BUCKET).isEqualTo(bindMarker(BUCKET))
            .whereColumn(UID).isEqualTo(bindMarker(UID))
            .build());
        this.deleteMessageTermsOfBucket = session.prepare(deleteFrom(MESSAGE_TERMS_TABLE)
            .whereColumn(MAILBOX_ID).isEqualTo(bindMarker(MAILBOX_ID))
            .whereColumn(BUCKET).isEqualTo(bindMarker(BUCKET))
            .build());
        this.insertBucket = session.prepare(insertInto(BUCKETS_TABLE)
            .value(MAILBOX_ID, bindMarker(MAILBOX_ID))
            .value(BUCKET, bindMarker(BUCKET))
            .build());
        this.selectBuckets = session.prepare(selectFrom(BUCKETS_TABLE).column(BUCKET)
            .whereColumn(MAILBOX_ID).isEqualTo(bindMarker(MAILBOX_ID))
            .build());
        this.deleteBuckets = session.prepare(deleteFrom(BUCKETS_TABLE)
            .whereColumn(MAILBOX_ID).isEqualTo(bindMarker(MAILBOX_ID))
            .build());
    }

    static long bucketOf(long uid) {
        return uid / BUCKET_SIZE;
    }

    /** The bucket is recorded first, so that a mailbox deletion finds every message written in it. */
    public Mono<Void> index(UUID mailboxId, long uid, MessageTerms messageTerms) {
        long bucket = bucketOf(uid);
        Set<String> terms = new LinkedHashSet<>(messageTerms.terms());
        if (!messageTerms.complete()) {
            terms.add(NOT_FULLY_INDEXED);
        }
        List<BoundStatement> rows = new ArrayList<>(terms.size() + 1);
        terms.forEach(term -> rows.add(insertTerm.bind()
            .setUuid(MAILBOX_ID, mailboxId)
            .setLong(BUCKET, bucket)
            .setString(TERM, term)
            .setLong(UID, uid)));
        // Last, so that a message whose list of words is written has all of them written.
        rows.add(insertMessageTerms.bind()
            .setUuid(MAILBOX_ID, mailboxId)
            .setLong(BUCKET, bucket)
            .setLong(UID, uid)
            .setSet(TERMS, terms, String.class));
        return recordBucket(new Bucket(mailboxId, bucket))
            .then(inPartitionBatches(rows));
    }

    private Mono<Void> recordBucket(Bucket bucket) {
        if (recordedBuckets.getIfPresent(bucket) != null) {
            return Mono.empty();
        }
        return executor.executeVoid(insertBucket.bind()
                .setUuid(MAILBOX_ID, bucket.mailboxId())
                .setLong(BUCKET, bucket.bucket()))
            .doOnSuccess(done -> recordedBuckets.put(bucket, true));
    }

    /**
     * Statements of one partition, as unlogged batches of {@value #ROWS_PER_BATCH}, one after the other: a batch of a
     * single partition is one mutation, and Cassandra does not apply its batch size limits to it.
     */
    private Mono<Void> inPartitionBatches(List<BoundStatement> statements) {
        return Flux.fromIterable(Lists.partition(statements, ROWS_PER_BATCH))
            .concatMap(batch -> executor.executeVoid(BatchStatement.newInstance(BatchType.UNLOGGED,
                batch.toArray(BatchableStatement<?>[]::new))))
            .then();
    }

    /**
     * The uids of the messages of the mailbox holding every one of the words, plus those not fully indexed: a superset
     * of the messages the words can match, to be checked one by one by the caller.
     */
    public Mono<Set<Long>> candidates(UUID mailboxId, Set<String> words) {
        Preconditions.checkArgument(!words.isEmpty(), "at least one word is needed");
        List<String> wanted = new ArrayList<>(words);
        wanted.add(NOT_FULLY_INDEXED);
        return buckets(mailboxId)
            .flatMap(bucket -> executor.executeRows(selectTerms.bind()
                        .setUuid(MAILBOX_ID, mailboxId)
                        .setLong(BUCKET, bucket)
                        .setList(TERMS, wanted, String.class))
                    .collectList()
                    .map(rows -> holdingAllWords(rows, words.size())), CONCURRENCY)
            .collect(HashSet::new, Set::addAll);
    }

    /** The uids of one bucket's rows found for all the words (each row is one word of one message), or for "*". */
    private static Set<Long> holdingAllWords(List<Row> rows, int words) {
        Map<Long, Integer> wordsFound = new HashMap<>();
        Set<Long> uids = new HashSet<>();
        for (Row row : rows) {
            long uid = row.getLong(UID);
            if (NOT_FULLY_INDEXED.equals(row.getString(TERM)) || wordsFound.merge(uid, 1, Integer::sum) == words) {
                uids.add(uid);
            }
        }
        return uids;
    }

    private Flux<Long> buckets(UUID mailboxId) {
        return executor.executeRows(selectBuckets.bind().setUuid(MAILBOX_ID, mailboxId))
            .map(row -> row.getLong(BUCKET));
    }

    public Mono<Boolean> isIndexed(UUID mailboxId, long uid) {
        return executor.executeReturnExists(selectMessageTerms.bind()
            .setUuid(MAILBOX_ID, mailboxId)
            .setLong(BUCKET, bucketOf(uid))
            .setLong(UID, uid));
    }

    /** The message's word rows, then its list of words: a removal cut short is run again from that list. */
    public Mono<Void> delete(UUID mailboxId, long uid) {
        long bucket = bucketOf(uid);
        return executor.executeSingleRow(selectMessageTerms.bind()
                .setUuid(MAILBOX_ID, mailboxId)
                .setLong(BUCKET, bucket)
                .setLong(UID, uid))
            .flatMap(row -> {
                List<BoundStatement> deletes = new ArrayList<>();
                row.getSet(TERMS, String.class).forEach(term -> deletes.add(deleteTerm.bind()
                    .setUuid(MAILBOX_ID, mailboxId)
                    .setLong(BUCKET, bucket)
                    .setString(TERM, term)
                    .setLong(UID, uid)));
                deletes.add(deleteMessageTerms.bind()
                    .setUuid(MAILBOX_ID, mailboxId)
                    .setLong(BUCKET, bucket)
                    .setLong(UID, uid));
                return inPartitionBatches(deletes);
            });
    }

    /** Each bucket's partitions at once, then the list of buckets. */
    public Mono<Void> deleteMailbox(UUID mailboxId) {
        return buckets(mailboxId)
            .flatMap(bucket -> executor.executeVoid(deleteTermsOfBucket.bind()
                    .setUuid(MAILBOX_ID, mailboxId)
                    .setLong(BUCKET, bucket))
                .then(executor.executeVoid(deleteMessageTermsOfBucket.bind()
                    .setUuid(MAILBOX_ID, mailboxId)
                    .setLong(BUCKET, bucket))), CONCURRENCY)
            .then(executor.executeVoid(deleteBuckets.bind().setUuid(MAILBOX_ID, mailboxId)))
            .then(Mono.fromRunnable(() -> recordedBuckets.asMap().keySet()
                .removeIf(bucket -> bucket.mailboxId().equals(mailboxId))));
    }
}
