package io.extremail.mailets.lists;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;

import io.extremail.lists.HeldPost;
import io.extremail.lists.HeldPostStore;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The held post store of the mailet tests. */
class InMemoryHeldPostStore implements HeldPostStore {
    private final Map<UUID, HeldPost> posts = new ConcurrentHashMap<>();
    private final Map<UUID, byte[]> contents = new ConcurrentHashMap<>();

    @Override
    public Mono<HeldPost> hold(MailAddress list, MaybeSender sender, String subject, byte[] message) {
        return Mono.fromCallable(() -> {
            HeldPost post = new HeldPost(list, UUID.randomUUID(), sender, subject, message.length, Instant.now(), "blob");
            posts.put(post.id(), post);
            contents.put(post.id(), message);
            return post;
        });
    }

    @Override
    public Flux<HeldPost> list(MailAddress list) {
        return Flux.fromIterable(posts.values()).filter(post -> post.list().equals(list));
    }

    @Override
    public Mono<HeldPost> get(MailAddress list, UUID id) {
        return Mono.justOrEmpty(posts.get(id)).filter(post -> post.list().equals(list));
    }

    @Override
    public Mono<byte[]> content(HeldPost post) {
        return Mono.justOrEmpty(contents.get(post.id()));
    }

    @Override
    public Mono<Void> remove(HeldPost post) {
        return Mono.fromRunnable(() -> {
            posts.remove(post.id());
            contents.remove(post.id());
        });
    }

    @Override
    public Mono<Void> removeAll(MailAddress list) {
        return list(list).concatMap(this::remove).then();
    }
}
