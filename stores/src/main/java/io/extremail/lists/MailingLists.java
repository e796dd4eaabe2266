package io.extremail.lists;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import javax.annotation.PreDestroy;
import javax.inject.Inject;

import org.apache.james.core.MailAddress;

import io.extremail.snapshot.ReloadingSnapshot;
import reactor.core.publisher.Flux;

/**
 * The mailing lists as the SMTP hooks and the mail pipeline see them: every list address and owner address held in
 * memory, so that telling whether a recipient is a list never waits for Cassandra. Lists change rarely: a change
 * made here is in force on this node when the call returns (a list can be posted to right after its creation);
 * other nodes see it within {@link ReloadingSnapshot#REFRESH_PERIOD}.
 */
public class MailingLists implements AutoCloseable {
    private final MailingListStore store;
    private final ReloadingSnapshot<Map<MailAddress, ListRecipient>> recipients;

    @Inject
    public MailingLists(MailingListStore store) {
        this.store = store;
        this.recipients = new ReloadingSnapshot<>("mailing-lists", this::load);
    }

    public Optional<ListRecipient> recipient(MailAddress address) {
        return Optional.ofNullable(recipients.get().get(Addresses.normalized(address)));
    }

    public boolean isListAddress(MailAddress address) {
        return recipients.get().containsKey(Addresses.normalized(address));
    }

    public MailingListStore store() {
        return store;
    }

    // Blocking, and reloading on the caller's thread: never on a Cassandra driver thread, which the reload needs.
    public void save(MailingList list) {
        store.save(list).block();
        recipients.reloadNow();
    }

    public void delete(MailAddress list) {
        store.delete(list).block();
        recipients.reloadNow();
    }

    /** Creates or replaces each list, with exactly the members given. */
    public void replaceAll(Map<MailingList, ? extends Collection<MailAddress>> lists) {
        try {
            Flux.fromIterable(lists.entrySet())
                .concatMap(entry -> store.save(entry.getKey()).then(store.replaceMembers(entry.getKey().address(), entry.getValue())))
                .then()
                .block();
        } finally {
            recipients.reloadNow();
        }
    }

    private Map<MailAddress, ListRecipient> load() {
        Map<MailAddress, ListRecipient> byAddress = new HashMap<>();
        store.all().toIterable().forEach(list -> {
            byAddress.put(list.address(), new ListRecipient(list, ListRecipient.Role.POST));
            byAddress.put(list.ownerAddress(), new ListRecipient(list, ListRecipient.Role.OWNER));
        });
        return Map.copyOf(byAddress);
    }

    @PreDestroy
    @Override
    public void close() {
        recipients.close();
    }
}
