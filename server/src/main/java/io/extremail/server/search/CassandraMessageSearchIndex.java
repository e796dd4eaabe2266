package io.extremail.server.search;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import javax.inject.Inject;
import javax.mail.Flags;

import org.apache.james.events.Event;
import org.apache.james.events.Group;
import org.apache.james.mailbox.AttachmentContentLoader;
import org.apache.james.mailbox.MailboxManager.MessageCapabilities;
import org.apache.james.mailbox.MailboxManager.SearchCapabilities;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.SessionProvider;
import org.apache.james.mailbox.cassandra.ids.CassandraId;
import org.apache.james.mailbox.events.MailboxEvents.Added;
import org.apache.james.mailbox.events.MailboxEvents.MailboxDeletion;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.extractor.TextExtractor;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.SearchQuery;
import org.apache.james.mailbox.model.UpdatedFlags;
import org.apache.james.mailbox.store.MailboxSessionMapperFactory;
import org.apache.james.mailbox.store.mail.MessageMapper.FetchType;
import org.apache.james.mailbox.store.mail.model.MailboxMessage;
import org.apache.james.mailbox.store.search.ListeningMessageSearchIndex;
import org.apache.james.mailbox.store.search.MessageSearchIndex;
import org.apache.james.mailbox.store.search.MessageSearches;
import org.apache.james.mailbox.store.search.SimpleMessageSearchIndex;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;

import io.extremail.cassandra.search.SearchIndexDAO;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * IMAP SEARCH (and any mailbox search) served by a word index in Cassandra, shared by all server nodes.
 * <p>
 * Indexing: as a mailbox event listener it writes the words of each added message ({@link MessageTermExtractor})
 * while the message is delivered or appended, so a message is searchable as soon as it is visible; it removes them
 * when the message is expunged or its mailbox deleted.
 * <p>
 * Searching: when the query requires text (SUBJECT, FROM, TO, CC, BCC, BODY, TEXT, HEADER on those headers, outside
 * OR and NOT), only the messages holding all its words in the index are read, and the full query is then evaluated
 * on them by James's {@link MessageSearches}: flags, dates, sizes, uid sets, OR, NOT and sort order keep James's
 * semantics exactly. Other queries are answered by scanning the mailbox, as {@link SimpleMessageSearchIndex} does.
 * <p>
 * A text criterion therefore matches whole words, case-insensitively: "harvest" finds "The Harvest was", but "harv"
 * or "vest" do not find it (as with Dovecot FTS or OpenSearch). TEXT searches the indexed headers and the body, not
 * other headers. Flags are not indexed: they are read from the message store at each search. Messages stored before
 * this index existed are not in it (there were none: the product started with it), nor are those indexed in the
 * first version of its tables (2026-12-07, before any release); a reindexing task would add them.
 */
public class CassandraMessageSearchIndex extends ListeningMessageSearchIndex {
    /** The event listener group of the index: its failed events are kept in the dead letters under this name. */
    public static class CassandraMessageSearchIndexGroup extends Group {
    }

    private static final Group GROUP = new CassandraMessageSearchIndexGroup();
    private static final int CONCURRENCY = 4;

    private final MailboxSessionMapperFactory mapperFactory;
    private final SessionProvider sessionProvider;
    private final SearchIndexDAO dao;
    private final MessageTermExtractor termExtractor;
    private final SimpleMessageSearchIndex scanningIndex;
    private final TextExtractor textExtractor;
    private final AttachmentContentLoader attachmentContentLoader;
    private final JustAddedMessages justAdded;
    /** Mailboxes messages were added to lately, forgotten when deleted (or after a while, for those deleted elsewhere). */
    private final Cache<MailboxId, Mailbox> mailboxes = CacheBuilder.newBuilder()
        .expireAfterWrite(Duration.ofSeconds(10))
        .maximumSize(10_000)
        .build();

    @Inject
    public CassandraMessageSearchIndex(MailboxSessionMapperFactory mapperFactory, Set<SearchOverride> searchOverrides,
                                       SessionProvider sessionProvider, SearchIndexDAO dao,
                                       MessageTermExtractor termExtractor, SimpleMessageSearchIndex scanningIndex,
                                       TextExtractor textExtractor, AttachmentContentLoader attachmentContentLoader,
                                       JustAddedMessages justAdded) {
        super(mapperFactory, searchOverrides, sessionProvider);
        this.mapperFactory = mapperFactory;
        this.sessionProvider = sessionProvider;
        this.dao = dao;
        this.termExtractor = termExtractor;
        this.scanningIndex = scanningIndex;
        this.textExtractor = textExtractor;
        this.attachmentContentLoader = attachmentContentLoader;
        this.justAdded = justAdded;
    }

    @Override
    public Group getDefaultGroup() {
        return GROUP;
    }

    /**
     * An added message is indexed from {@link JustAddedMessages} when this server just stored it; otherwise as James's
     * listener does, with its mailbox taken from {@link #mailboxes} when known: James reads it again (its row and its
     * rights, two Cassandra reads) for every message delivered.
     */
    @Override
    public Mono<Void> reactiveEvent(Event event) {
        if (event instanceof MailboxDeletion deletion) {
            mailboxes.invalidate(deletion.getMailboxId());
        }
        if (!(event instanceof Added added)) {
            return super.reactiveEvent(event);
        }
        MailboxId mailboxId = added.getMailboxId();
        List<MessageUid> toRead = new ArrayList<>();
        Map<MessageUid, byte[]> inMemory = new LinkedHashMap<>();
        added.getUids().forEach(uid -> justAdded.take(mailboxId, uid)
            .ifPresentOrElse(content -> inMemory.put(uid, content), () -> toRead.add(uid)));
        Mono<Void> fromMemory = Flux.fromIterable(inMemory.entrySet())
            .concatMap(entry -> index(mailboxId, entry.getKey(), () -> new ByteArrayInputStream(entry.getValue())))
            .then();
        return fromMemory.then(Mono.defer(() -> toRead.isEmpty() ? Mono.empty() : readAndIndex(event, mailboxId, toRead)));
    }

    private Mono<Void> readAndIndex(Event event, MailboxId mailboxId, List<MessageUid> uids) {
        MailboxSession session = sessionProvider.createSystemSession(event.getUsername());
        return mailbox(session, mailboxId)
            .flatMapMany(mailbox -> Flux.fromIterable(MessageRange.toRanges(uids))
                .concatMap(range -> mapperFactory.getMessageMapper(session)
                    .findInMailboxReactive(mailbox, range, FetchType.FULL, UNLIMITED))
                .concatMap(message -> add(session, mailbox, message)))
            .then(Mono.fromRunnable(() -> mapperFactory.endProcessingRequest(session)));
    }

    /** Only the mailbox's id is used to index its messages: a renamed mailbox or changed rights do not matter here. */
    private Mono<Mailbox> mailbox(MailboxSession session, MailboxId id) {
        Mailbox known = mailboxes.getIfPresent(id);
        if (known != null) {
            return Mono.just(known);
        }
        return mapperFactory.getMailboxMapper(session).findMailboxById(id)
            .doOnNext(mailbox -> mailboxes.put(id, mailbox));
    }

    /** As the scanning index, without partial email address matches: addresses are matched by whole words. */
    @Override
    public EnumSet<SearchCapabilities> getSupportedCapabilities(EnumSet<MessageCapabilities> messageCapabilities) {
        return EnumSet.of(SearchCapabilities.MultimailboxSearch, SearchCapabilities.Text,
            SearchCapabilities.Attachment, SearchCapabilities.AttachmentFileName);
    }

    @Override
    protected Flux<MessageUid> doSearch(MailboxSession session, Mailbox mailbox, SearchQuery query) {
        Set<String> words = SearchQueryWords.required(query);
        if (words.isEmpty()) {
            return scanningIndex.search(session, mailbox, query);
        }
        return evaluate(session, candidates(session, mailbox, words), query)
            .map(MessageSearchIndex.SearchResult::getMessageUid);
    }

    @Override
    public Flux<MessageId> search(MailboxSession session, Collection<MailboxId> mailboxIds, SearchQuery query, long limit)
        throws MailboxException {
        Set<String> words = SearchQueryWords.required(query);
        if (words.isEmpty()) {
            return scanningIndex.search(session, mailboxIds, query, limit);
        }
        Flux<MailboxMessage> candidates = Flux.fromIterable(mailboxIds)
            .concatMap(mapperFactory.getMailboxMapper(session)::findMailboxById)
            .concatMap(mailbox -> candidates(session, mailbox, words));
        return evaluate(session, candidates, query)
            .map(result -> result.getMessageId().orElseThrow())
            .distinct()
            .take(limit);
    }

    /** The messages of the mailbox holding every word in the index, read in full to evaluate the query on them. */
    private Flux<MailboxMessage> candidates(MailboxSession session, Mailbox mailbox, Set<String> words) {
        return dao.candidates(uuid(mailbox.getMailboxId()), words)
            .flatMapIterable(uids -> MessageRange.toRanges(uids.stream().map(MessageUid::of).collect(Collectors.toList())))
            .concatMap(range -> mapperFactory.getMessageMapper(session)
                .findInMailboxReactive(mailbox, range, FetchType.FULL, UNLIMITED));
    }

    private Flux<MessageSearchIndex.SearchResult> evaluate(MailboxSession session, Flux<MailboxMessage> candidates,
                                                       SearchQuery query) {
        return candidates.collectList()
            .publishOn(Schedulers.boundedElastic())
            .flatMapIterable(messages -> new MessageSearches(messages.iterator(), query, textExtractor,
                attachmentContentLoader, session));
    }

    @Override
    public Mono<Void> add(MailboxSession session, Mailbox mailbox, MailboxMessage message) {
        return index(mailbox.getMailboxId(), message.getUid(), message::getFullContent);
    }

    private Mono<Void> index(MailboxId mailboxId, MessageUid uid, Callable<InputStream> fullContent) {
        return Mono.fromCallable(() -> {
                try (InputStream content = fullContent.call()) {
                    return termExtractor.extract(content);
                }
            })
            .subscribeOn(Schedulers.boundedElastic())
            .flatMap(terms -> dao.index(uuid(mailboxId), uid.asLong(), terms));
    }

    @Override
    public Mono<Void> delete(MailboxSession session, MailboxId mailboxId, Collection<MessageUid> expungedUids) {
        return Flux.fromIterable(expungedUids)
            .flatMap(uid -> dao.delete(uuid(mailboxId), uid.asLong()), CONCURRENCY)
            .then();
    }

    @Override
    public Mono<Void> deleteAll(MailboxSession session, MailboxId mailboxId) {
        return dao.deleteMailbox(uuid(mailboxId));
    }

    /** Nothing to do: flags are not indexed, searches read them from the message store. */
    @Override
    public Mono<Void> update(MailboxSession session, MailboxId mailboxId, List<UpdatedFlags> updatedFlagsList) {
        return Mono.empty();
    }

    /** The flags the index searches with, those of the store, for messages that are indexed; empty otherwise. */
    @Override
    public Mono<Flags> retrieveIndexedFlags(Mailbox mailbox, MessageUid uid) {
        MailboxSession session = sessionProvider.createSystemSession(mailbox.getUser());
        return dao.isIndexed(uuid(mailbox.getMailboxId()), uid.asLong())
            .filter(Boolean::booleanValue)
            .flatMap(indexed -> mapperFactory.getMessageMapper(session)
                .findInMailboxReactive(mailbox, MessageRange.one(uid), FetchType.METADATA, 1)
                .next())
            .map(MailboxMessage::createFlags);
    }

    private static UUID uuid(MailboxId mailboxId) {
        return ((CassandraId) mailboxId).asUuid();
    }
}
