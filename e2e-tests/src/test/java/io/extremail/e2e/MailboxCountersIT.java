package io.extremail.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.apache.james.backends.cassandra.init.configuration.CassandraConfiguration;
import org.apache.james.mailbox.MessageUid;
import org.apache.james.mailbox.ModSeq;
import org.apache.james.mailbox.cassandra.ids.CassandraId;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.UidValidity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.datastax.oss.driver.api.core.CqlSession;

import io.extremail.server.cassandra.CoalescingModSeqProvider;
import io.extremail.server.cassandra.CoalescingUidProvider;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * UIDs and mod-sequences handed out by two servers at once (two providers, each with its own memory) on the shared
 * server's Cassandra 5.0.9 keyspace: every value exactly once, none skipped, and the stored last value is the highest.
 */
class MailboxCountersIT {
    private static final int PER_SERVER = 300;

    private static CqlSession session;

    @BeforeAll
    static void connect() throws Exception {
        SharedServer.get();
        session = CqlSession.builder()
            .addContactPoint(new InetSocketAddress("127.0.0.1", TestCassandra.nativePort()))
            .withLocalDatacenter("datacenter1")
            .withKeyspace("shared")
            .build();
    }

    @AfterAll
    static void close() {
        session.close();
    }

    @Test
    void twoServersDeliveringIntoOneMailboxGetDistinctConsecutiveUids() {
        CoalescingUidProvider first = new CoalescingUidProvider(session, CassandraConfiguration.DEFAULT_CONFIGURATION);
        CoalescingUidProvider second = new CoalescingUidProvider(session, CassandraConfiguration.DEFAULT_CONFIGURATION);
        Mailbox mailbox = newMailbox();

        List<Long> uids = Flux.merge(
                Flux.range(0, PER_SERVER).flatMap(i -> first.nextUidReactive(mailbox.getMailboxId()).subscribeOn(Schedulers.parallel()), 32),
                Flux.range(0, PER_SERVER).flatMap(i -> second.nextUidReactive(mailbox.getMailboxId()).subscribeOn(Schedulers.parallel()), 32))
            .map(MessageUid::asLong)
            .collectList()
            .block();

        assertThat(uids).containsExactlyInAnyOrderElementsOf(oneTo(2 * PER_SERVER));
        assertThat(first.lastUid(mailbox)).contains(MessageUid.of(2 * PER_SERVER));
        assertThat(second.nextUids(mailbox.getMailboxId(), 3).block())
            .containsExactly(MessageUid.of(2 * PER_SERVER + 1), MessageUid.of(2 * PER_SERVER + 2), MessageUid.of(2 * PER_SERVER + 3));
    }

    @Test
    void twoServersChangingOneMailboxGetDistinctModSeqs() throws Exception {
        CoalescingModSeqProvider first = new CoalescingModSeqProvider(session, CassandraConfiguration.DEFAULT_CONFIGURATION);
        CoalescingModSeqProvider second = new CoalescingModSeqProvider(session, CassandraConfiguration.DEFAULT_CONFIGURATION);
        Mailbox mailbox = newMailbox();
        assertThat(first.highestModSeq(mailbox)).isEqualTo(ModSeq.first());

        List<Long> modSeqs = Flux.merge(
                Flux.range(0, PER_SERVER).flatMap(i -> first.nextModSeqReactive(mailbox.getMailboxId()).subscribeOn(Schedulers.parallel()), 32),
                Flux.range(0, PER_SERVER).flatMap(i -> second.nextModSeqReactive(mailbox.getMailboxId()).subscribeOn(Schedulers.parallel()), 32))
            .map(ModSeq::asLong)
            .collectList()
            .block();

        assertThat(modSeqs).containsExactlyInAnyOrderElementsOf(oneTo(2 * PER_SERVER));
        assertThat(second.highestModSeq(mailbox)).isEqualTo(ModSeq.of(2 * PER_SERVER));
    }

    private static Mailbox newMailbox() {
        return new Mailbox(MailboxPath.inbox(org.apache.james.core.Username.of("counter@test.example")),
            UidValidity.of(1), CassandraId.timeBased());
    }

    private static List<Long> oneTo(long last) {
        return LongStream.rangeClosed(1, last).boxed().collect(Collectors.toList());
    }
}
