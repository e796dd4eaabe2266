package io.extremail.cassandra.autoresponder;

import java.time.Duration;

import org.apache.james.core.MailAddress;

import reactor.core.publisher.Mono;

/**
 * Who a user's autoresponder already answered. {@link #claim} is atomic across threads and servers, so that two
 * mails from one sender processed at the same moment, here or on another node, get one reply between them.
 */
public interface AutoresponderReplies {
    /** Intervals are whole seconds (a Cassandra time to live), at least one. */
    Duration MIN_INTERVAL = Duration.ofSeconds(1);
    /** The longest time to live Cassandra accepts: 20 years. */
    Duration MAX_INTERVAL = Duration.ofSeconds(630_720_000);

    /**
     * Records that {@code user} answers {@code sender} now, unless it already did within the last {@code interval}.
     * True when the caller won and must reply; false when a reply was sent, or is being sent, already.
     */
    Mono<Boolean> claim(MailAddress user, MailAddress sender, Duration interval);
}
