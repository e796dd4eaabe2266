package io.extremail.mailets.lists;

import java.util.Collection;
import java.util.Map;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;

import org.apache.james.core.MailAddress;

import io.extremail.lists.MailingList;
import io.extremail.lists.MailingListStore;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The mailing list store of the mailet tests; the Cassandra one is exercised by MailingListIT. */
class InMemoryMailingListStore implements MailingListStore {
    private final Map<MailAddress, MailingList> lists = new ConcurrentHashMap<>();
    private final Map<MailAddress, NavigableSet<String>> members = new ConcurrentHashMap<>();

    @Override
    public Flux<MailingList> all() {
        return Flux.fromIterable(lists.values());
    }

    @Override
    public Mono<MailingList> get(MailAddress list) {
        return Mono.justOrEmpty(lists.get(list));
    }

    @Override
    public Mono<Void> save(MailingList list) {
        return Mono.fromRunnable(() -> lists.put(list.address(), list));
    }

    @Override
    public Mono<Void> delete(MailAddress list) {
        return Mono.fromRunnable(() -> {
            lists.remove(list);
            members.remove(list);
        });
    }

    @Override
    public Flux<MailAddress> members(MailAddress list) {
        return Flux.fromIterable(members.getOrDefault(list, new ConcurrentSkipListSet<>()))
            .map(member -> io.extremail.lists.Addresses.parse("member", member));
    }

    @Override
    public Mono<Long> memberCount(MailAddress list) {
        return members(list).count();
    }

    @Override
    public Mono<Boolean> isMember(MailAddress list, MailAddress address) {
        return Mono.fromCallable(() -> members.getOrDefault(list, new ConcurrentSkipListSet<>()).contains(address.asString()));
    }

    @Override
    public Mono<Void> addMembers(MailAddress list, Collection<MailAddress> added) {
        return Mono.fromRunnable(() -> added.forEach(member ->
            members.computeIfAbsent(list, any -> new ConcurrentSkipListSet<>()).add(member.asString())));
    }

    @Override
    public Mono<Boolean> removeMember(MailAddress list, MailAddress member) {
        return Mono.fromCallable(() -> members.getOrDefault(list, new ConcurrentSkipListSet<>()).remove(member.asString()));
    }

    @Override
    public Mono<Void> replaceMembers(MailAddress list, Collection<MailAddress> replaced) {
        return Mono.fromRunnable(() -> members.remove(list)).then(addMembers(list, replaced));
    }
}
