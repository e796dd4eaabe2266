package io.extremail.lists;

import java.util.UUID;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Posts held for moderation, per list, oldest first. */
public interface HeldPostStore {
    Mono<HeldPost> hold(MailAddress list, MaybeSender sender, String subject, byte[] message);

    Flux<HeldPost> list(MailAddress list);

    Mono<HeldPost> get(MailAddress list, UUID id);

    /** The message as it was received. */
    Mono<byte[]> content(HeldPost post);

    /** Forgets the post and its message (after release or rejection). */
    Mono<Void> remove(HeldPost post);

    /** Forgets every post held for the list (the list is deleted). */
    Mono<Void> removeAll(MailAddress list);
}
