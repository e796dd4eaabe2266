package io.extremail.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Store;
import jakarta.mail.search.BodyTerm;
import jakarta.mail.search.SubjectTerm;

import org.awaitility.Awaitility;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.Status;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;

import io.extremail.e2e.MailClients.Protocol;

/** Users and domains made over WebAdmin, mail submitted with AUTH over STARTTLS, read back over IMAP and POP3. */
class MailFlowIT {
    private static final Duration DELIVERY = Duration.ofSeconds(30);
    private static final String BOB_PASSWORD = "bob-secret";
    private static final long NEW_MESSAGE_UID = 2;
    private static ServerUnderTest server;

    @BeforeAll
    static void startServer() throws Exception {
        server = SharedServer.get();
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void submittedMessageIsReadBackWithTheSameBodyBytes(Protocol protocol) throws Exception {
        String domain = uniqueDomain();
        String alice = "alice@" + domain;
        server.webAdmin().addDomain(domain);
        server.webAdmin().addUser(alice, "alice-secret");
        String body = "Line one.\r\n"
            + ".leading dot and trailing spaces   \r\n"
            + "\ttab, 8-bit free text: <>&\"'\r\n"
            + "x".repeat(998) + "\r\n"
            + "\r\n"
            + "last line\r\n";

        MailClients.submit(server, alice, "alice-secret", MailClients.message(alice, alice, "over " + protocol, body));
        // Delivered first: a POP3 session shows the INBOX as it was at login.
        try (Store imap = MailClients.open(server, Protocol.IMAPS, alice, "alice-secret")) {
            Awaitility.await().atMost(DELIVERY).until(() -> MailClients.messageCount(imap) >= 1);
        }

        try (Store store = MailClients.open(server, protocol, alice, "alice-secret")) {
            Message message = awaitSingleMessage(store);
            assertThat(message.getSubject()).isEqualTo("over " + protocol);
            assertThat(new String(MailClients.rawBody(message), StandardCharsets.US_ASCII)).isEqualTo(body);
        }
    }

    /** As eXtremail's USER ADD: the mailbox exists from the start, before any mail or login (James alone waits for them). */
    @Test
    void aNewUserHasItsInboxBeforeAnyMailOrLogin() throws Exception {
        String domain = uniqueDomain();
        String carol = "carol@" + domain;
        server.webAdmin().addDomain(domain);
        server.webAdmin().addUser(carol, "carol-secret");

        var mailboxes = server.webAdmin().get("/users/" + carol + "/mailboxes");
        assertThat(mailboxes.statusCode()).isEqualTo(200);
        assertThat(mailboxes.body()).contains("\"mailboxName\":\"INBOX\"");
        try (Store pop3 = MailClients.open(server, Protocol.POP3S, carol, "carol-secret")) {
            assertThat(MailClients.messageCount(pop3)).isZero();
        }
    }

    /** \Recent: the first SELECT after a delivery shows the new messages as recent, and only that SELECT. */
    @Test
    void newMessagesAreRecentForTheFirstSelectOnly() throws Exception {
        String bob = newBob();
        deliverToBob(bob, "first", "second", "third");
        assertThat(recentSubjectsOfBob(bob)).containsExactlyInAnyOrder("first", "second", "third");
        assertThat(recentSubjectsOfBob(bob)).isEmpty();

        deliverToBob(bob, "fourth", "fifth");
        assertThat(recentSubjectsOfBob(bob)).containsExactlyInAnyOrder("fourth", "fifth");
        assertThat(recentSubjectsOfBob(bob)).isEmpty();
    }

    /**
     * HIGHESTMODSEQ (CONDSTORE) grows with each change only: the SELECT that clears \Recent raises it, a SELECT with
     * nothing to clear does not (James's alone raised it at every read-write SELECT).
     */
    @Test
    void aSelectWithNothingRecentLeavesTheHighestModSeq() throws Exception {
        String bob = newBob();
        deliverToBob(bob, "one", "two");
        long delivered = highestModSeqOfBob(bob);

        assertThat(recentSubjectsOfBob(bob)).containsExactlyInAnyOrder("one", "two");
        long afterClearing = highestModSeqOfBob(bob);
        assertThat(afterClearing).isGreaterThan(delivered);

        assertThat(recentSubjectsOfBob(bob)).isEmpty();
        assertThat(recentSubjectsOfBob(bob)).isEmpty();
        assertThat(highestModSeqOfBob(bob)).isEqualTo(afterClearing);
    }

    /**
     * 2,560 messages copied in are \Recent for the first SELECT only, over the reset's several chunks of 1,000
     * (James's reset, one message after the other, took 53 s for 20,000 here): each one cleared in both of James's
     * message tables and in mailboxrecents, and the \Flagged they were copied with kept.
     */
    @Test
    void manyCopiedMessagesAreRecentForTheFirstSelectOnly() throws Exception {
        String bob = newBob();
        // Above any global size limit another test may have left on the shared server (QuotaIT: 1,000,000 bytes).
        assertThat(server.webAdmin().put("/quota/users/" + bob + "/size", "100000000").statusCode()).isEqualTo(204);
        fillBigWithRecentCopies(bob);

        assertThat(flagsOfBig(bob, Flags.Flag.RECENT)).as("\\Recent at the first SELECT").isEqualTo(2_560);
        try (CqlSession cql = sharedKeyspace()) {
            UUID big = mailboxIdOf(cql, bob, "Big");
            assertThat(recentRows(cql, big)).as("rows of mailboxrecents").isZero();
            assertThat(cql.execute(SimpleStatement.newInstance(
                    "SELECT count(*) FROM messageidtable WHERE mailboxid = ? AND flagrecent = true ALLOW FILTERING", big))
                .one().getLong(0)).as("\\Recent in messageidtable").isZero();
            assertThat(cql.execute(SimpleStatement.newInstance(
                    "SELECT count(*) FROM imapuidtable WHERE mailboxid = ? AND flagrecent = true ALLOW FILTERING", big))
                .one().getLong(0)).as("\\Recent in imapuidtable").isZero();
        }
        assertThat(flagsOfBig(bob, Flags.Flag.RECENT)).as("\\Recent at the second SELECT").isZero();
        assertThat(flagsOfBig(bob, Flags.Flag.FLAGGED)).as("\\Flagged").isEqualTo(2_560 / 5);
    }

    /**
     * Bob's mailbox Big with 2,560 messages, all \Recent, 512 of them \Flagged: five delivered messages (the first
     * flagged) copied in, then Big copied into itself under EXAMINE, doubling it without clearing \Recent.
     */
    private static void fillBigWithRecentCopies(String bob) throws Exception {
        deliverToBob(bob, "one", "two", "three", "four", "five");
        int copies = 5;
        try (Store store = MailClients.open(server, Protocol.IMAPS, bob, BOB_PASSWORD)) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            inbox.getMessage(1).setFlag(Flags.Flag.FLAGGED, true);
            IMAPFolder big = (IMAPFolder) store.getFolder("Big");
            assertThat(big.create(Folder.HOLDS_MESSAGES)).isTrue();
            inbox.copyMessages(inbox.getMessages(), big);
            inbox.close(false);
            big.open(Folder.READ_ONLY);
            while (copies < 2_560) {
                int last = copies;
                big.doCommand(protocol -> {
                    protocol.copy(1, last, "Big");
                    return null;
                });
                copies *= 2;
            }
            big.close(false);
        }
    }

    /**
     * Five sessions opening Big read-write at once: one of them clears \Recent and reports all 2,560 messages RECENT,
     * the others none (IMAP: a message is \Recent to one session only), and every one answers. Before, each session
     * raced the others' compare-and-sets message by message: the benchmark's five clients on an INBOX of 24,000 new
     * messages got no answer within 300 s.
     */
    @Test
    void concurrentFirstSelectsReportEachRecentMessageToOneSession() throws Exception {
        String bob = newBob();
        assertThat(server.webAdmin().put("/quota/users/" + bob + "/size", "100000000").statusCode()).isEqualTo(204);
        fillBigWithRecentCopies(bob);

        int sessions = 5;
        ExecutorService clients = Executors.newFixedThreadPool(sessions);
        try {
            CountDownLatch loggedIn = new CountDownLatch(sessions);
            List<Future<Integer>> recent = new ArrayList<>();
            for (int i = 0; i < sessions; i++) {
                recent.add(clients.submit(() -> {
                    try (Store store = MailClients.open(server, Protocol.IMAPS, bob, BOB_PASSWORD)) {
                        Folder big = store.getFolder("Big");
                        loggedIn.countDown();
                        loggedIn.await();
                        big.open(Folder.READ_WRITE);
                        int count = big.getNewMessageCount();
                        big.close(false);
                        return count;
                    }
                }));
            }
            List<Integer> counts = new ArrayList<>();
            for (Future<Integer> count : recent) {
                counts.add(count.get(5, TimeUnit.MINUTES));
            }
            assertThat(counts).as("RECENT of each session's SELECT").containsExactlyInAnyOrder(2_560, 0, 0, 0, 0);
        } finally {
            clients.shutdownNow();
        }
        assertThat(flagsOfBig(bob, Flags.Flag.RECENT)).as("\\Recent at a later SELECT").isZero();
    }

    /** How many messages of bob's Big have the flag, seen by a new session's SELECT (which clears \Recent). */
    private static int flagsOfBig(String user, Flags.Flag flag) throws Exception {
        try (Store store = MailClients.open(server, Protocol.IMAPS, user, BOB_PASSWORD)) {
            Folder big = store.getFolder("Big");
            big.open(Folder.READ_WRITE);
            try {
                Message[] messages = big.getMessages();
                FetchProfile flags = new FetchProfile();
                flags.add(FetchProfile.Item.FLAGS);
                big.fetch(messages, flags);
                int flagged = 0;
                for (Message message : messages) {
                    flagged += message.isSet(flag) ? 1 : 0;
                }
                if (flag == Flags.Flag.RECENT) {
                    assertThat(big.getNewMessageCount()).as("RECENT of the SELECT").isEqualTo(flagged);
                }
                return flagged;
            } finally {
                big.close(false);
            }
        }
    }

    /**
     * HIGHESTMODSEQ of the INBOX, by STATUS: it neither selects the mailbox nor clears \Recent. Sent as a command of
     * its own: Jakarta Mail's getHighestModSeq() wants a CONDSTORE capability, which James implies by QRESYNC.
     */
    private static long highestModSeqOfBob(String user) throws Exception {
        try (Store store = MailClients.open(server, Protocol.IMAPS, user, BOB_PASSWORD)) {
            IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
            Status status = (Status) inbox.doCommand(protocol -> protocol.status("INBOX", new String[] {"HIGHESTMODSEQ"}));
            assertThat(status.highestmodseq).as("HIGHESTMODSEQ of STATUS").isPositive();
            return status.highestmodseq;
        }
    }

    /** bob in a new domain, with BOB_PASSWORD. */
    private static String newBob() throws Exception {
        String domain = uniqueDomain();
        server.webAdmin().addDomain(domain);
        server.webAdmin().addUser("bob@" + domain, BOB_PASSWORD);
        return "bob@" + domain;
    }

    private static void deliverToBob(String to, String... subjects) throws Exception {
        try (Store store = MailClients.open(server, Protocol.IMAPS, to, BOB_PASSWORD)) {
            int before = MailClients.messageCount(store);
            for (String subject : subjects) {
                MailClients.submitUnauthenticated(server, "sender@elsewhere.test", to, subject);
            }
            Awaitility.await().atMost(DELIVERY).until(() -> MailClients.messageCount(store) == before + subjects.length);
        }
    }

    /** Subjects of the messages flagged \Recent, seen by a new session's SELECT (which clears the flag). */
    private static List<String> recentSubjectsOfBob(String user) throws Exception {
        try (Store store = MailClients.open(server, Protocol.IMAPS, user, BOB_PASSWORD)) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            try {
                List<String> recent = new ArrayList<>();
                for (Message message : inbox.getMessages()) {
                    if (message.isSet(Flags.Flag.RECENT)) {
                        recent.add(message.getSubject());
                    }
                }
                assertThat(inbox.getNewMessageCount()).as("RECENT of the SELECT").isEqualTo(recent.size());
                return recent;
            } finally {
                inbox.close(false);
            }
        }
    }

    /**
     * A row of James's {@code mailboxrecents} table left for a message that is no longer \Recent (a reset cut short
     * when its client dropped a long SELECT) is deleted by the next read-write SELECT: James read it and its message
     * again at every SELECT, and counted it as RECENT, for good.
     */
    @Test
    void aRecentRowOfAMessageNoLongerRecentIsForgottenByTheNextSelect() throws Exception {
        String bob = bobWithANewMessage();
        try (CqlSession cql = sharedKeyspace()) {
            UUID inbox = inboxIdOf(cql, bob);
            UUID message = messageIdOf(cql, inbox, NEW_MESSAGE_UID);
            // The reset's flag updates done in both tables, the row still there.
            cql.execute(SimpleStatement.newInstance("UPDATE messageidtable SET flagrecent = false WHERE mailboxid = ? AND uid = ?", inbox, NEW_MESSAGE_UID));
            cql.execute(SimpleStatement.newInstance("UPDATE imapuidtable SET flagrecent = false WHERE messageid = ? AND mailboxid = ? AND uid = ?", message, inbox, NEW_MESSAGE_UID));

            assertThat(recentSubjectsOfBob(bob)).isEmpty();
            assertThat(recentRows(cql, inbox)).as("rows of mailboxrecents after the SELECT").isZero();
            assertThat(recentSubjectsOfBob(bob)).isEmpty();
        }
    }

    /**
     * The same when the reset was cut short between James's two message tables: the message still reads as \Recent
     * in {@code messageidtable}, not in {@code imapuidtable}, where its mod-sequence moved on. James's reset failed
     * its compare-and-set on it at every SELECT, in vain, and kept the row.
     */
    @Test
    void aRecentRowOfAMessageRecentInOneTableOnlyIsForgottenByTheNextSelect() throws Exception {
        String bob = bobWithANewMessage();
        try (CqlSession cql = sharedKeyspace()) {
            UUID inbox = inboxIdOf(cql, bob);
            UUID message = messageIdOf(cql, inbox, NEW_MESSAGE_UID);
            cql.execute(SimpleStatement.newInstance(
                "UPDATE imapuidtable SET flagrecent = false, modseq = 1000000 WHERE messageid = ? AND mailboxid = ? AND uid = ?", message, inbox,
                NEW_MESSAGE_UID));

            selectInboxOfBob(bob);
            assertThat(recentRows(cql, inbox)).as("rows of mailboxrecents after the SELECT").isZero();
        }
    }

    /** A new bob with "old", seen by a SELECT, and "new" (UID 2), still \Recent with its row in mailboxrecents. */
    private static String bobWithANewMessage() throws Exception {
        String bob = newBob();
        deliverToBob(bob, "old");
        assertThat(recentSubjectsOfBob(bob)).containsExactly("old");
        deliverToBob(bob, "new");
        return bob;
    }

    private static CqlSession sharedKeyspace() {
        return CqlSession.builder()
            .addContactPoint(new InetSocketAddress("127.0.0.1", TestCassandra.nativePort()))
            .withLocalDatacenter("datacenter1")
            .withKeyspace("shared")
            .build();
    }

    private static UUID inboxIdOf(CqlSession cql, String user) {
        return mailboxIdOf(cql, user, "INBOX");
    }

    private static UUID mailboxIdOf(CqlSession cql, String user, String mailbox) {
        return cql.execute(SimpleStatement.newInstance(
                "SELECT mailboxid FROM mailboxpathv3 WHERE namespace = '#private' AND user = ? AND mailboxname = ?", user, mailbox))
            .one().getUuid(0);
    }

    private static UUID messageIdOf(CqlSession cql, UUID mailbox, long uid) {
        return cql.execute(SimpleStatement.newInstance("SELECT messageid FROM messageidtable WHERE mailboxid = ? AND uid = ?", mailbox, uid))
            .one().getUuid(0);
    }

    private static long recentRows(CqlSession cql, UUID mailbox) {
        return cql.execute(SimpleStatement.newInstance("SELECT count(*) FROM mailboxrecents WHERE mailboxid = ?", mailbox))
            .one().getLong(0);
    }

    private static void selectInboxOfBob(String user) throws Exception {
        try (Store store = MailClients.open(server, Protocol.IMAPS, user, BOB_PASSWORD)) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            inbox.close(false);
        }
    }

    @Test
    void sameUserNameInTwoDomainsHasTwoMailboxesAndTwoPasswords() throws Exception {
        String first = uniqueDomain();
        String second = uniqueDomain();
        server.webAdmin().addDomain(first);
        server.webAdmin().addDomain(second);
        server.webAdmin().addUser("john@" + first, "first-password");
        server.webAdmin().addUser("john@" + second, "second-password");

        MailClients.submit(server, "john@" + first, "first-password",
            MailClients.message("john@" + first, "john@" + first, "for the first john", "one\r\n"));
        MailClients.submit(server, "john@" + second, "second-password",
            MailClients.message("john@" + second, "john@" + second, "for the second john", "two\r\n"));

        try (Store store = MailClients.open(server, Protocol.IMAPS, "john@" + first, "first-password")) {
            assertThat(awaitSingleMessage(store).getSubject()).isEqualTo("for the first john");
        }
        try (Store store = MailClients.open(server, Protocol.IMAPS, "john@" + second, "second-password")) {
            assertThat(awaitSingleMessage(store).getSubject()).isEqualTo("for the second john");
        }
        assertThat(loginFails("john@" + first, "second-password")).isTrue();
        assertThat(loginFails("john@" + second, "first-password")).isTrue();
    }

    @Test
    void imapSearchFindsTheMessageBySubjectAndByBody() throws Exception {
        String domain = uniqueDomain();
        String carol = "carol@" + domain;
        server.webAdmin().addDomain(domain);
        server.webAdmin().addUser(carol, "carol-secret");
        MailClients.submit(server, carol, "carol-secret",
            MailClients.message(carol, carol, "Quarterly figures", "The harvest was plentiful this year.\r\n"));
        MailClients.submit(server, carol, "carol-secret",
            MailClients.message(carol, carol, "Lunch", "Sandwiches at noon.\r\n"));

        try (Store store = MailClients.open(server, Protocol.IMAP, carol, "carol-secret")) {
            Awaitility.await().atMost(DELIVERY).until(() -> MailClients.messageCount(store) == 2);
            Folder inbox = MailClients.inbox(store);
            assertThat(inbox.search(new SubjectTerm("quarterly"))).extracting(Message::getSubject)
                .containsExactly("Quarterly figures");
            assertThat(inbox.search(new BodyTerm("plentiful"))).extracting(Message::getSubject)
                .containsExactly("Quarterly figures");
            assertThat(inbox.search(new BodyTerm("sandwiches"))).extracting(Message::getSubject)
                .containsExactly("Lunch");
            assertThat(inbox.search(new SubjectTerm("absent-word"))).isEmpty();
        }
    }

    private static boolean loginFails(String user, String password) {
        try (Store ignored = MailClients.open(server, Protocol.IMAPS, user, password)) {
            return false;
        } catch (jakarta.mail.AuthenticationFailedException expected) {
            return true;
        } catch (Exception e) {
            throw new AssertionError("login neither succeeded nor was refused", e);
        }
    }

    private static Message awaitSingleMessage(Store store) throws Exception {
        Awaitility.await().atMost(DELIVERY).until(() -> MailClients.messageCount(store) >= 1);
        Folder inbox = MailClients.inbox(store);
        assertThat(inbox.getMessageCount()).isEqualTo(1);
        return inbox.getMessage(1);
    }

    static String uniqueDomain() {
        return "d" + UUID.randomUUID().toString().substring(0, 8) + ".example";
    }
}
