package io.extremail.server.cassandra;

import java.time.Duration;
import java.util.function.Supplier;

import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxPath;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;

import reactor.core.publisher.Mono;

/**
 * The mailboxes found by name in the last {@link #TIME_TO_LIVE}, with their rights. Every delivery and every SELECT
 * looks its mailbox up by name: two Cassandra reads (the name's row, then the mailbox's rights). Only mailboxes found
 * are kept, so a new one is seen at once. Any change of a mailbox through this server (creation, rename, deletion,
 * rights) forgets them all, before and after the change, and a lookup that was under way meanwhile does not keep its
 * answer: such changes are rare, lookups are not. A change made through another server is seen within
 * {@link #TIME_TO_LIVE}. Callers get a copy: James sets a mailbox's name and rights on the instance it holds.
 */
final class MailboxesByPath {
    static final Duration TIME_TO_LIVE = Duration.ofSeconds(10);
    private static final int MAX_MAILBOXES = 10_000;

    private final Cache<MailboxPath, Mailbox> found = CacheBuilder.newBuilder()
        .expireAfterWrite(TIME_TO_LIVE)
        .maximumSize(MAX_MAILBOXES)
        .build();
    private long changes;

    Mono<Mailbox> find(MailboxPath path, Supplier<Mono<Mailbox>> lookup) {
        return Mono.defer(() -> {
            Mailbox known = found.getIfPresent(path);
            if (known != null) {
                return Mono.just(new Mailbox(known));
            }
            long changesBefore = changesSoFar();
            return lookup.get().doOnNext(mailbox -> keep(path, mailbox, changesBefore));
        });
    }

    <T> Mono<T> change(Supplier<Mono<T>> change) {
        return Mono.defer(() -> {
                forgetAll();
                return change.get();
            })
            .doFinally(signal -> forgetAll());
    }

    private synchronized long changesSoFar() {
        return changes;
    }

    private synchronized void keep(MailboxPath path, Mailbox mailbox, long changesBefore) {
        if (changes == changesBefore) {
            found.put(path, new Mailbox(mailbox));
        }
    }

    private synchronized void forgetAll() {
        changes++;
        found.invalidateAll();
    }
}
