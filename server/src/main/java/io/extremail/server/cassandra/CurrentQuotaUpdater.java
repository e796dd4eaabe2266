package io.extremail.server.cassandra;

import javax.inject.Inject;
import javax.inject.Singleton;

import org.apache.james.core.quota.QuotaCountUsage;
import org.apache.james.core.quota.QuotaSizeUsage;
import org.apache.james.events.Event;
import org.apache.james.events.EventListener;
import org.apache.james.events.Group;
import org.apache.james.mailbox.events.MailboxEvents.Added;
import org.apache.james.mailbox.events.MailboxEvents.Expunged;
import org.apache.james.mailbox.events.MailboxEvents.MailboxDeletion;
import org.apache.james.mailbox.events.MailboxEvents.MetaDataHoldingEvent;
import org.apache.james.mailbox.quota.CurrentQuotaManager;
import org.apache.james.mailbox.quota.QuotaRootResolver;
import org.apache.james.mailbox.store.quota.QuotaUpdater;
import org.apache.james.mailbox.model.QuotaOperation;
import org.reactivestreams.Publisher;

import reactor.core.publisher.Mono;

/**
 * Keeps each quota root's usage (message count, bytes) up to date as messages are added, expunged, or their
 * mailbox deleted. James's ListeningCurrentQuotaUpdater does the same and then reads the quota back to announce the
 * new usage on the event bus, for JMAP and quota warning mails, neither of which this server runs: a read per
 * delivered message for nobody.
 */
@Singleton
public class CurrentQuotaUpdater implements EventListener.ReactiveGroupEventListener, QuotaUpdater {
    public static class CurrentQuotaUpdaterGroup extends Group {
    }

    private static final Group GROUP = new CurrentQuotaUpdaterGroup();

    private final CurrentQuotaManager usage;
    private final QuotaRootResolver quotaRoots;

    @Inject
    public CurrentQuotaUpdater(CurrentQuotaManager usage, QuotaRootResolver quotaRoots) {
        this.usage = usage;
        this.quotaRoots = quotaRoots;
    }

    @Override
    public Group getDefaultGroup() {
        return GROUP;
    }

    @Override
    public boolean isHandling(Event event) {
        return event instanceof Added || event instanceof Expunged || event instanceof MailboxDeletion;
    }

    @Override
    public Publisher<Void> reactiveEvent(Event event) {
        if (event instanceof MailboxDeletion deletion) {
            if (deletion.getDeletedMessageCount().asLong() == 0) {
                return Mono.empty();
            }
            return Mono.from(usage.decrease(new QuotaOperation(deletion.getQuotaRoot(), deletion.getDeletedMessageCount(),
                deletion.getTotalDeletedSize())));
        }
        MetaDataHoldingEvent change = (MetaDataHoldingEvent) event;
        long count = change.getUids().size();
        long size = change.getUids().stream().mapToLong(uid -> change.getMetaData(uid).getSize()).sum();
        if (count == 0) {
            return Mono.empty();
        }
        return Mono.from(quotaRoots.getQuotaRootReactive(change.getMailboxPath()))
            .map(root -> new QuotaOperation(root, QuotaCountUsage.count(count), QuotaSizeUsage.size(size)))
            .flatMap(operation -> Mono.from(event instanceof Added ? usage.increase(operation) : usage.decrease(operation)));
    }
}
