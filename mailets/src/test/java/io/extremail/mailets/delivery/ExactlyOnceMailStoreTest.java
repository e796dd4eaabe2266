package io.extremail.mailets.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.james.core.MailAddress;
import org.apache.james.transport.mailets.delivery.MailStore;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;

import io.extremail.cassandra.delivery.DeliveryJournal;
import reactor.core.publisher.Mono;

class ExactlyOnceMailStoreTest {
    private static final String QUEUED_NAME = "Mail1700000000000-0c4e";

    private RecordingStore mailbox;
    private MemoryJournal journal;
    private List<String> repairs;
    private ExactlyOnceMailStore store;
    private MailAddress alice;

    @BeforeEach
    void setUp() throws Exception {
        mailbox = new RecordingStore();
        journal = new MemoryJournal();
        repairs = new ArrayList<>();
        store = new ExactlyOnceMailStore(mailbox, journal, (recipient, mail, deliveryId) -> Mono.just(mailbox.holds(recipient, deliveryId)),
            (recipient, mail) -> Mono.fromRunnable(() -> repairs.add(recipient + "/" + DeliveryId.of(mail))));
        alice = new MailAddress("alice@example.com");
    }

    @Test
    void firstDeliveryIsStoredAndJournaled() throws Exception {
        store.storeMail(alice, dequeued()).block();

        assertThat(mailbox.stored).containsExactly(alice + "/" + QUEUED_NAME);
        assertThat(journal.started).containsExactly(QUEUED_NAME + "/" + alice);
        assertThat(repairs).isEmpty();
    }

    @Test
    void redeliveryAfterACrashThatHappenedAfterStoringIsNotStoredAgain() throws Exception {
        store.storeMail(alice, dequeued()).block();

        store.storeMail(alice, dequeued()).block();

        assertThat(mailbox.stored).hasSize(1);
        assertThat(repairs).containsExactly(alice + "/" + QUEUED_NAME);
    }

    @Test
    void redeliveryAfterACrashThatHappenedBeforeStoringIsStored() throws Exception {
        journal.markStarted(QUEUED_NAME, alice).block();

        store.storeMail(alice, dequeued()).block();

        assertThat(mailbox.stored).containsExactly(alice + "/" + QUEUED_NAME);
        assertThat(repairs).containsExactly(alice + "/" + QUEUED_NAME);
    }

    @Test
    void aFailedRepairDoesNotFailTheStoredDelivery() throws Exception {
        journal.markStarted(QUEUED_NAME, alice).block();
        ExactlyOnceMailStore failingRepair = new ExactlyOnceMailStore(mailbox, journal,
            (recipient, mail, deliveryId) -> Mono.just(false),
            (recipient, mail) -> Mono.error(new IllegalStateException("counters unreachable")));

        failingRepair.storeMail(alice, dequeued()).block();

        assertThat(mailbox.stored).containsExactly(alice + "/" + QUEUED_NAME);
    }

    @Test
    void theDeliveryIdSurvivesTheRenamingOfASplitMail() throws Exception {
        Mail original = dequeued();
        Mail split = FakeMail.builder().name(QUEUED_NAME + "-!123456789").build();
        original.attributes().forEach(split::setAttribute);

        store.storeMail(alice, original).block();
        store.storeMail(alice, split).block();

        assertThat(mailbox.stored).hasSize(1);
    }

    @Test
    void eachRecipientIsDeliveredOnce() throws Exception {
        MailAddress bob = new MailAddress("bob@example.com");

        store.storeMail(alice, dequeued()).block();
        store.storeMail(bob, dequeued()).block();
        store.storeMail(bob, dequeued()).block();

        assertThat(mailbox.stored).containsExactly(alice + "/" + QUEUED_NAME, bob + "/" + QUEUED_NAME);
    }

    private static Mail dequeued() throws Exception {
        Mail mail = FakeMail.builder().name(QUEUED_NAME).build();
        DeliveryId.stamp(mail);
        return mail;
    }

    private static class RecordingStore implements MailStore {
        private final List<String> stored = new ArrayList<>();

        @Override
        public Publisher<Void> storeMail(MailAddress recipient, Mail mail) {
            return Mono.fromRunnable(() -> stored.add(recipient + "/" + DeliveryId.of(mail)));
        }

        boolean holds(MailAddress recipient, String deliveryId) {
            return stored.contains(recipient + "/" + deliveryId);
        }
    }

    private static class MemoryJournal implements DeliveryJournal {
        private final Set<String> started = new HashSet<>();

        @Override
        public Mono<Boolean> hasStarted(String deliveryId, MailAddress recipient) {
            return Mono.fromCallable(() -> started.contains(deliveryId + "/" + recipient));
        }

        @Override
        public Mono<Void> markStarted(String deliveryId, MailAddress recipient) {
            return Mono.fromRunnable(() -> started.add(deliveryId + "/" + recipient));
        }
    }
}
