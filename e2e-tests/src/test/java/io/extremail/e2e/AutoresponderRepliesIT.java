package io.extremail.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.james.core.MailAddress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.datastax.oss.driver.api.core.CqlSession;

import io.extremail.cassandra.autoresponder.CassandraAutoresponderReplies;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * The Autoresponder's claims on the shared server's Cassandra 5.0.9 keyspace: of many claims racing for one user and
 * sender exactly one wins, and the pair is free again once the interval is over.
 */
class AutoresponderRepliesIT {
    private static CqlSession session;
    private static CassandraAutoresponderReplies replies;

    @BeforeAll
    static void connect() throws Exception {
        SharedServer.get();
        session = CqlSession.builder()
            .addContactPoint(new InetSocketAddress("127.0.0.1", TestCassandra.nativePort()))
            .withLocalDatacenter("datacenter1")
            .withKeyspace("shared")
            .build();
        replies = new CassandraAutoresponderReplies(session);
    }

    @AfterAll
    static void close() {
        session.close();
    }

    @Test
    void ofConcurrentClaimsExactlyOneWins() throws Exception {
        MailAddress user = uniqueUser();
        MailAddress sender = new MailAddress("hank@remote.example");

        List<Boolean> won = Flux.range(0, 8)
            .flatMap(attempt -> replies.claim(user, sender, Duration.ofDays(7)).subscribeOn(Schedulers.parallel()), 8)
            .collectList()
            .block();

        assertThat(won).hasSize(8).containsOnlyOnce(true);
    }

    @Test
    void theSenderMayBeAnsweredAgainOnceTheIntervalIsOver() throws Exception {
        MailAddress user = uniqueUser();
        MailAddress sender = new MailAddress("hank@remote.example");

        // Cassandra counts expiry in whole seconds: a row written with a TTL of 2 s lives between 1 and 2 s.
        assertThat(replies.claim(user, sender, Duration.ofSeconds(2)).block()).isTrue();
        assertThat(replies.claim(user, sender, Duration.ofSeconds(2)).block()).isFalse();
        Thread.sleep(3100);

        assertThat(replies.claim(user, sender, Duration.ofSeconds(2)).block()).isTrue();
    }

    @Test
    void addressesAreComparedCaseInsensitively() throws Exception {
        MailAddress user = uniqueUser();

        assertThat(replies.claim(user, new MailAddress("hank@remote.example"), Duration.ofDays(7)).block()).isTrue();
        assertThat(replies.claim(user, new MailAddress("Hank@Remote.Example"), Duration.ofDays(7)).block()).isFalse();
    }

    private static MailAddress uniqueUser() throws Exception {
        return new MailAddress("gina-" + UUID.randomUUID() + "@local.example");
    }
}
