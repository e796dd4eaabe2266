package io.extremail.server.pop3;

import java.io.IOException;
import java.util.EnumSet;
import java.util.List;

import javax.inject.Inject;
import javax.inject.Named;
import javax.inject.Singleton;

import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageManager.MailboxMetaData;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.FetchGroup;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.MessageResult;
import org.apache.james.mailbox.model.MessageResultIterator;
import org.apache.james.pop3server.mailbox.MailboxAdapter;
import org.apache.james.pop3server.mailbox.MailboxAdapterFactory;
import org.apache.james.protocols.pop3.mailbox.Mailbox;
import org.apache.james.protocols.pop3.mailbox.MessageMetaData;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.common.collect.ImmutableList;
import com.google.common.primitives.ImmutableLongArray;
import com.google.common.primitives.Longs;

/**
 * POP3's view of a mailbox (James's {@link MailboxAdapter}), with the message list of big mailboxes kept in memory.
 * James's POP3 server lists the whole INBOX (UID and size of every message) at each login, to number the messages:
 * for 14,000 messages that is every message's row read again, a quarter to a whole second per login. Here a list is
 * kept with the mailbox's next UID and message count, read again at every login: the list changes only with one of
 * them (a new message raises the next UID, a deletion lowers the count), so an unchanged pair means an unchanged list,
 * whichever server of the cluster made the changes. When only new messages came (the next UID rose and the count rose
 * by as many as are listed from the old next UID on), just those are read and added. A list is kept only when it
 * agrees with the count it was read with (not in the middle of a delivery or an expunge), and only for mailboxes of
 * {@value #SMALLEST_KEPT} messages or more, up to {@value #MAX_KEPT_MESSAGES} messages in all (16 bytes each).
 */
@Singleton
public class ListingCachingMailboxAdapterFactory implements MailboxAdapterFactory {
    static final int SMALLEST_KEPT = 1_000;
    static final long MAX_KEPT_MESSAGES = 1_000_000;

    /** The list as it was at {@code nextUid} and {@code count}: UIDs ascending, sizes in the same order. */
    private record Listing(long uidValidity, long nextUid, long count, long[] uids, long[] sizes) {
        List<MessageMetaData> asMetaData() {
            ImmutableList.Builder<MessageMetaData> messages = ImmutableList.builderWithExpectedSize(uids.length);
            for (int i = 0; i < uids.length; i++) {
                messages.add(new MessageMetaData(Long.toString(uids[i]), sizes[i]));
            }
            return messages.build();
        }
    }

    private final MailboxManager mailboxManager;
    private final Cache<MailboxId, Listing> listings = CacheBuilder.newBuilder()
        .maximumWeight(MAX_KEPT_MESSAGES)
        .<MailboxId, Listing>weigher((mailbox, listing) -> listing.uids().length)
        .build();

    @Inject
    public ListingCachingMailboxAdapterFactory(@Named("mailboxmanager") MailboxManager mailboxManager) {
        this.mailboxManager = mailboxManager;
    }

    @Override
    public Mailbox create(MessageManager manager, MailboxSession session) {
        return new ListingCachingMailboxAdapter(manager, session);
    }

    private final class ListingCachingMailboxAdapter extends MailboxAdapter {
        private final MessageManager manager;
        private final MailboxSession session;

        ListingCachingMailboxAdapter(MessageManager manager, MailboxSession session) {
            super(mailboxManager, manager, session);
            this.manager = manager;
            this.session = session;
        }

        @Override
        public List<MessageMetaData> getMessages() throws IOException {
            try {
                mailboxManager.startProcessingRequest(session);
                MailboxMetaData state = manager.getMetaData(MailboxMetaData.RecentMode.IGNORE, session,
                    EnumSet.of(MailboxMetaData.Item.MailboxCounters, MailboxMetaData.Item.NextUid));
                long uidValidity = state.getUidValidity().asLong();
                long nextUid = state.getUidNext().asLong();
                long count = state.getMessageCount();
                Listing kept = listings.getIfPresent(manager.getId());
                if (kept != null && kept.uidValidity() == uidValidity) {
                    if (kept.nextUid() == nextUid && kept.count() == count) {
                        return kept.asMetaData();
                    }
                    if (nextUid > kept.nextUid()) {
                        Listing added = list(MessageRange.from(MessageUid.of(kept.nextUid())), uidValidity, nextUid, count);
                        if (kept.count() + added.uids().length == count) {
                            return keep(append(kept, added)).asMetaData();
                        }
                    }
                }
                return keep(list(MessageRange.all(), uidValidity, nextUid, count)).asMetaData();
            } catch (MailboxException e) {
                throw new IOException("Unable to retrieve messages", e);
            } finally {
                mailboxManager.endProcessingRequest(session);
            }
        }

        /** The UID and size of each message in {@code range}; a failed read fails the login rather than misnumber. */
        private Listing list(MessageRange range, long uidValidity, long nextUid, long count) throws MailboxException {
            ImmutableLongArray.Builder uids = ImmutableLongArray.builder();
            ImmutableLongArray.Builder sizes = ImmutableLongArray.builder();
            MessageResultIterator results = manager.getMessages(range, FetchGroup.MINIMAL, session);
            while (results.hasNext()) {
                MessageResult result = results.next();
                uids.add(result.getUid().asLong());
                sizes.add(result.getSize());
            }
            if (results.getException() != null) {
                throw results.getException();
            }
            return new Listing(uidValidity, nextUid, count, uids.build().toArray(), sizes.build().toArray());
        }

        private Listing keep(Listing listing) {
            if (listing.uids().length >= SMALLEST_KEPT && listing.uids().length == listing.count()) {
                listings.put(manager.getId(), listing);
            } else {
                listings.invalidate(manager.getId());
            }
            return listing;
        }
    }

    private static Listing append(Listing kept, Listing added) {
        return new Listing(added.uidValidity(), added.nextUid(), added.count(),
            Longs.concat(kept.uids(), added.uids()), Longs.concat(kept.sizes(), added.sizes()));
    }
}
