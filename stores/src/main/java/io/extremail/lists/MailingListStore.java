package io.extremail.lists;

import java.util.Collection;

import org.apache.james.core.MailAddress;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Where mailing lists and their members are kept. Addresses are given {@link Addresses#normalized}. */
public interface MailingListStore {
    Flux<MailingList> all();

    Mono<MailingList> get(MailAddress list);

    /** Creates the list or replaces its access and owners; members are left as they are. */
    Mono<Void> save(MailingList list);

    /** Removes the list and all its members. */
    Mono<Void> delete(MailAddress list);

    /** In address order. */
    Flux<MailAddress> members(MailAddress list);

    Mono<Long> memberCount(MailAddress list);

    Mono<Boolean> isMember(MailAddress list, MailAddress address);

    Mono<Void> addMembers(MailAddress list, Collection<MailAddress> members);

    /** True when it was a member. */
    Mono<Boolean> removeMember(MailAddress list, MailAddress member);

    /** Makes {@code members} the whole membership. */
    Mono<Void> replaceMembers(MailAddress list, Collection<MailAddress> members);
}
