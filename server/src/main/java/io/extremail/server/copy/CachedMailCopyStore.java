package io.extremail.server.copy;

import javax.inject.Inject;

import org.apache.james.core.Username;

import io.extremail.cassandra.copy.CassandraMailCopyStore;
import io.extremail.copy.MailCopy;
import io.extremail.copy.MailCopyStore;
import io.extremail.snapshot.RecentAnswers;
import reactor.core.publisher.Mono;

/**
 * The copy addresses in Cassandra, with each user's answer (most often: none) kept for
 * {@link RecentAnswers#TIME_TO_LIVE}: CopyReceivedMail asks it for every local recipient of every message.
 */
public class CachedMailCopyStore implements MailCopyStore {
    private final CassandraMailCopyStore cassandra;
    private final RecentAnswers<Username, MailCopy> copies = new RecentAnswers<>();

    @Inject
    public CachedMailCopyStore(CassandraMailCopyStore cassandra) {
        this.cassandra = cassandra;
    }

    @Override
    public Mono<MailCopy> of(Username user) {
        return copies.get(user, cassandra::of);
    }

    @Override
    public Mono<Void> set(Username user, MailCopy copy) {
        return cassandra.set(user, copy).doFinally(signal -> copies.forget(user));
    }

    @Override
    public Mono<Boolean> remove(Username user) {
        return cassandra.remove(user).doFinally(signal -> copies.forget(user));
    }
}
