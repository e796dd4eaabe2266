package io.extremail.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.extremail.e2e.MailClients.Protocol;

/**
 * Mailboxes created and renamed while they are being read, with James's mailbox read repair on every read (chance 1,
 * the shipped chance is 0.1): it once took a mailbox being created for a broken one and removed its name, so the
 * message being delivered into it was stored where no client could see it. Several messages arriving at once for
 * users whose INBOX does not exist yet each create the INBOX, and all of them must land in the one that stays.
 */
class MailboxNamesIT {
    private static final int USERS = 20;
    private static final int MESSAGES_PER_USER = 4;

    private static ServerUnderTest server;
    private static String domain;

    @BeforeAll
    static void startServer() throws Exception {
        server = ServerUnderTest.install("mailbox_names_it");
        server.distribution().edit("cassandra.properties", "mailbox.read.repair.chance=0.1", "mailbox.read.repair.chance=1");
        server.start();
        domain = MailFlowIT.uniqueDomain();
        server.webAdmin().addDomain(domain);
        for (int user = 0; user < USERS; user++) {
            server.webAdmin().addUser(user(user), "secret");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void everyMessageOfAConcurrentFirstDeliveryIsInTheInbox() throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(USERS);
        try {
            List<Future<?>> sent = new ArrayList<>();
            // One user's messages one after the other in the queue, so that the spooler's threads deliver them together.
            for (int user = 0; user < USERS; user++) {
                for (int message = 0; message < MESSAGES_PER_USER; message++) {
                    String to = user(user);
                    String subject = "first delivery " + message;
                    sent.add(senders.submit(() -> {
                        MailClients.submitUnauthenticated(server, "sender@elsewhere.test", to, subject);
                        return null;
                    }));
                }
            }
            for (Future<?> send : sent) {
                send.get(60, TimeUnit.SECONDS);
            }
        } finally {
            senders.shutdownNow();
        }

        for (int index = 0; index < USERS; index++) {
            String user = user(index);
            try (Store store = MailClients.open(server, Protocol.IMAPS, user, "secret")) {
                Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(MailClients.subjects(store)).as(user + "'s INBOX")
                        .containsExactlyInAnyOrder("first delivery 0", "first delivery 1", "first delivery 2", "first delivery 3"));
            }
        }
        // A read repair that does strike may still be undone by a later one, so also check that none struck.
        assertNoMailboxTakenForBroken();
    }

    @Test
    void aRenamedFolderKeepsItsMessagesAndFreesItsOldName() throws Exception {
        String user = "renamer@" + domain;
        server.webAdmin().addUser(user, "secret");
        try (Store store = MailClients.open(server, Protocol.IMAPS, user, "secret")) {
            Folder projects = store.getFolder("Projects");
            assertThat(projects.create(Folder.HOLDS_MESSAGES)).isTrue();
            projects.appendMessages(new Message[] {new MimeMessage(null,
                new ByteArrayInputStream(MailClients.message(user, user, "kept through the rename", "hello\r\n")))});
            assertThat(store.getFolder("Taken").create(Folder.HOLDS_MESSAGES)).isTrue();
            projects.open(Folder.READ_ONLY); // found by name: the server keeps it a while
            projects.close(false);

            assertThat(projects.renameTo(store.getFolder("Taken"))).as("rename onto an existing folder").isFalse();
            assertThat(projects.renameTo(store.getFolder("Projects 2026"))).isTrue();

            Folder renamed = store.getFolder("Projects 2026");
            renamed.open(Folder.READ_ONLY);
            assertThat(renamed.getMessages()).extracting(Message::getSubject).containsExactly("kept through the rename");
            renamed.close(false);
            assertThat(store.getFolder("Projects").exists()).isFalse();
            assertThatThrownBy(() -> store.getFolder("Projects").open(Folder.READ_ONLY)).as("the old name, at once")
                .isInstanceOf(MessagingException.class);
            assertThat(store.getFolder("Projects").create(Folder.HOLDS_MESSAGES)).as("the old name is free again").isTrue();
            assertThat(store.getDefaultFolder().list()).extracting(Folder::getFullName)
                .contains("INBOX", "Projects", "Projects 2026", "Taken");
        }
        assertNoMailboxTakenForBroken();
    }

    private static void assertNoMailboxTakenForBroken() throws Exception {
        assertThat(Files.readAllLines(server.distribution().home().resolve("logs/server.log")))
            .as("read repairs of mailboxes taken for broken ones")
            .noneMatch(line -> line.contains("Inconsistency fixed for orphan mailbox"));
    }

    private static String user(int index) {
        return "user" + index + "@" + domain;
    }
}
