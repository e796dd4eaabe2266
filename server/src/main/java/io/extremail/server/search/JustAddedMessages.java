package io.extremail.server.search;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;

import javax.inject.Singleton;

import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.store.mail.model.MailboxMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;

/**
 * The content of the messages this server just stored, until the search index takes it. The index would otherwise read
 * each new message back right after it was written: its rows in two of James's tables (the blobs come from
 * RecentBlobsCache), two Cassandra reads per delivered message. Messages up to {@link #MAX_MESSAGE_BYTES}, for
 * {@link #TIME_TO_LIVE} at most, {@link #MAX_BYTES} in all; the index reads from Cassandra whatever is not here, as
 * when it retries a failed indexing.
 */
@Singleton
public class JustAddedMessages {
    static final Duration TIME_TO_LIVE = Duration.ofMinutes(1);
    static final long MAX_BYTES = 16L * 1024 * 1024;
    static final int MAX_MESSAGE_BYTES = 256 * 1024;
    private static final Logger LOGGER = LoggerFactory.getLogger(JustAddedMessages.class);

    private record Key(MailboxId mailbox, MessageUid uid) {
    }

    private final Cache<Key, byte[]> contents = CacheBuilder.newBuilder()
        .expireAfterWrite(TIME_TO_LIVE)
        .maximumWeight(MAX_BYTES)
        .<Key, byte[]>weigher((key, bytes) -> bytes.length)
        .build();

    /** Called once the message is stored, while its content is still at hand. */
    public void remember(MailboxId mailbox, MailboxMessage message) {
        if (message.getFullContentOctets() > MAX_MESSAGE_BYTES) {
            return;
        }
        try (InputStream content = message.getFullContent()) {
            contents.put(new Key(mailbox, message.getUid()), content.readAllBytes());
        } catch (IOException e) {
            LOGGER.debug("Content of message {} of mailbox {} not kept: the search index will read it", message.getUid(), mailbox, e);
        }
    }

    /** The content, once: a retried indexing reads the message from Cassandra. */
    Optional<byte[]> take(MailboxId mailbox, MessageUid uid) {
        return Optional.ofNullable(contents.asMap().remove(new Key(mailbox, uid)));
    }
}
