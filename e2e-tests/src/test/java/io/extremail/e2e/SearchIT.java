package io.extremail.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.AndTerm;
import jakarta.mail.search.BodyTerm;
import jakarta.mail.search.FlagTerm;
import jakarta.mail.search.FromStringTerm;
import jakarta.mail.search.SearchTerm;
import jakarta.mail.search.SubjectTerm;

import org.awaitility.Awaitility;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.datastax.oss.driver.api.core.CqlSession;

import io.extremail.e2e.MailClients.Protocol;

/**
 * IMAP SEARCH answered through the word index in Cassandra: whole words of the subject, body and sender are found,
 * combined with flags; the index rows are written on delivery and removed on expunge and mailbox deletion.
 */
class SearchIT {
    private static final Duration DELIVERY = Duration.ofSeconds(30);
    private static final String KEYSPACE = "shared";
    private static ServerUnderTest server;

    @BeforeAll
    static void startServer() throws Exception {
        server = SharedServer.get();
    }

    @Test
    void imapSearchUsesTheWordIndexAndForgetsExpungedMessages() throws Exception {
        String domain = MailFlowIT.uniqueDomain();
        String dave = "dave@" + domain;
        String erin = "erin@" + domain;
        server.webAdmin().addDomain(domain);
        server.webAdmin().addUser(dave, "dave-secret");
        server.webAdmin().addUser(erin, "erin-secret");
        // A word no other test delivers, to find this message's rows in the shared keyspace.
        String uniqueWord = "kumquat" + UUID.randomUUID().toString().substring(0, 8);
        MailClients.submit(server, dave, "dave-secret", MailClients.message(dave, dave, "Harvest report",
            "The apples were plentiful this autumn, " + uniqueWord + " included.\r\n"));
        MailClients.submit(server, erin, "erin-secret", MailClients.message(erin, dave, "Lunch plans",
            "Sandwiches at noon, then apples.\r\n"));

        try (Store store = MailClients.open(server, Protocol.IMAP, dave, "dave-secret")) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            Awaitility.await().atMost(DELIVERY).until(() -> inbox.getMessageCount() == 2);

            assertThat(subjects(inbox, new SubjectTerm("HARVEST"))).containsExactly("Harvest report");
            assertThat(subjects(inbox, new BodyTerm("plentiful"))).containsExactly("Harvest report");
            assertThat(subjects(inbox, new BodyTerm("apples")))
                .containsExactlyInAnyOrder("Harvest report", "Lunch plans");
            assertThat(subjects(inbox, new FromStringTerm("erin"))).containsExactly("Lunch plans");
            assertThat(subjects(inbox, new BodyTerm("plenti"))).as("mid-word substrings are not indexed").isEmpty();
            assertThat(termRows(uniqueWord)).isEqualTo(1);

            Message lunch = inbox.search(new SubjectTerm("lunch"))[0];
            lunch.setFlag(Flags.Flag.SEEN, true);
            assertThat(subjects(inbox, new AndTerm(new FlagTerm(new Flags(Flags.Flag.SEEN), false),
                new BodyTerm("apples")))).containsExactly("Harvest report");

            Message harvest = inbox.search(new SubjectTerm("harvest"))[0];
            harvest.setFlag(Flags.Flag.DELETED, true);
            inbox.expunge();

            assertThat(subjects(inbox, new BodyTerm("apples"))).containsExactly("Lunch plans");
            assertThat(subjects(inbox, new BodyTerm("plentiful"))).isEmpty();
            Awaitility.await().atMost(DELIVERY).until(() -> termRows(uniqueWord) == 0);
            inbox.close(false);
        }
    }

    @Test
    void deletingAMailboxRemovesItsIndexRows() throws Exception {
        String domain = MailFlowIT.uniqueDomain();
        String frank = "frank@" + domain;
        server.webAdmin().addDomain(domain);
        server.webAdmin().addUser(frank, "frank-secret");
        String uniqueWord = "quince" + UUID.randomUUID().toString().substring(0, 8);

        try (Store store = MailClients.open(server, Protocol.IMAP, frank, "frank-secret")) {
            Folder projects = store.getFolder("Projects");
            assertThat(projects.create(Folder.HOLDS_MESSAGES)).isTrue();
            projects.appendMessages(new Message[] {new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(MailClients.message(frank, frank, "Kept", uniqueWord + "\r\n")))});
            assertThat(termRows(uniqueWord)).isEqualTo(1);

            assertThat(projects.delete(true)).isTrue();
            Awaitility.await().atMost(DELIVERY).until(() -> termRows(uniqueWord) == 0);
        }
    }

    /**
     * The index keeps a mailbox's words by bucket of 512 uids: 512 copies of one message (uids 1..512) and one more
     * message fill two buckets, both searched, and a mailbox deletion removes the rows of both.
     */
    @Test
    void searchCoversEveryBucketOfALargeMailbox() throws Exception {
        String domain = MailFlowIT.uniqueDomain();
        String grace = "grace@" + domain;
        server.webAdmin().addDomain(domain);
        server.webAdmin().addUser(grace, "grace-secret");
        // Above any global size limit another test may have left on the shared server (QuotaIT: 1,000,000 bytes).
        assertThat(server.webAdmin().put("/quota/users/" + grace + "/size", "100000000").statusCode()).isEqualTo(204);
        String copiedWord = "medlar" + UUID.randomUUID().toString().substring(0, 8);
        String lastWord = "loquat" + UUID.randomUUID().toString().substring(0, 8);
        Session mail = Session.getInstance(new Properties());

        try (Store store = MailClients.open(server, Protocol.IMAP, grace, "grace-secret")) {
            IMAPFolder archive = (IMAPFolder) store.getFolder("Archive");
            assertThat(archive.create(Folder.HOLDS_MESSAGES)).isTrue();
            archive.appendMessages(new Message[] {new MimeMessage(mail,
                new ByteArrayInputStream(MailClients.message(grace, grace, "Copied", copiedWord + "\r\n")))});
            archive.open(Folder.READ_WRITE);
            for (int copies = 1; copies < 512; copies *= 2) {
                int last = copies;
                archive.doCommand(protocol -> {
                    protocol.copy(1, last, "Archive");
                    return null;
                });
            }
            archive.appendMessages(new Message[] {new MimeMessage(mail,
                new ByteArrayInputStream(MailClients.message(grace, grace, "Last", copiedWord + " " + lastWord + "\r\n")))});
            Awaitility.await().atMost(DELIVERY).until(() -> termRows(copiedWord) == 513);

            assertThat(archive.getUID(archive.getMessage(513))).isEqualTo(513);
            assertThat(archive.search(new BodyTerm(copiedWord))).hasSize(513);
            assertThat(subjects(archive, new BodyTerm(lastWord))).containsExactly("Last");
            assertThat(subjects(archive, new AndTerm(new SubjectTerm("copied"), new BodyTerm(lastWord)))).isEmpty();
            archive.close(false);

            assertThat(archive.delete(true)).isTrue();
            Awaitility.await().atMost(DELIVERY).until(() -> termRows(copiedWord) == 0 && termRows(lastWord) == 0);
        }
    }

    private static String[] subjects(Folder inbox, SearchTerm term) throws Exception {
        Message[] found = inbox.search(term);
        String[] subjects = new String[found.length];
        for (int i = 0; i < found.length; i++) {
            subjects[i] = found[i].getSubject();
        }
        return subjects;
    }

    /** Index rows for a word, in any mailbox: the word is a clustering column after the bucket, hence the filtering. */
    private static long termRows(String word) {
        try (CqlSession session = CqlSession.builder()
            .addContactPoint(new InetSocketAddress("127.0.0.1", TestCassandra.nativePort()))
            .withLocalDatacenter("datacenter1")
            .build()) {
            return session.execute("SELECT uid FROM " + KEYSPACE + ".search_terms_v2 WHERE term = ? ALLOW FILTERING", word)
                .all().size();
        }
    }
}
