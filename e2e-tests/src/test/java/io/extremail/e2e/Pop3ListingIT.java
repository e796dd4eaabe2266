package io.extremail.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;

import org.eclipse.angus.mail.pop3.POP3Folder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.extremail.e2e.MailClients.Protocol;

/**
 * POP3 logins to an INBOX big enough for the server to keep its message list in memory between logins (1,000
 * messages or more): each login numbers the messages as the INBOX is then, after new mail, an IMAP expunge and a POP3
 * deletion, with the sizes IMAP reports.
 */
class Pop3ListingIT {
    private static final int BIG = 1_020;
    private static final String PASSWORD = "pop-secret";
    private static ServerUnderTest server;

    @BeforeAll
    static void startServer() throws Exception {
        server = SharedServer.get();
    }

    @Test
    void eachLoginToABigInboxSeesItAsItIsNow() throws Exception {
        String domain = MailFlowIT.uniqueDomain();
        String user = "pop@" + domain;
        server.webAdmin().addDomain(domain);
        server.webAdmin().addUser(user, PASSWORD);
        List<String> subjects = new ArrayList<>();
        for (int i = 0; i < BIG; i++) {
            subjects.add("m" + i);
        }
        append(user, subjects);

        assertThat(pop3Sizes(user)).as("first login").hasSize(BIG).isEqualTo(imapSizes(user));
        assertThat(pop3Sizes(user)).as("second login, nothing changed").hasSize(BIG).isEqualTo(imapSizes(user));

        append(user, List.of("new-0", "new-1 with a longer subject"));
        assertThat(pop3Sizes(user)).as("after two new messages").hasSize(BIG + 2).isEqualTo(imapSizes(user));
        assertThat(pop3Subject(user, BIG + 2)).isEqualTo("new-1 with a longer subject");

        deleteFirst(user, Protocol.IMAPS);
        assertThat(pop3Sizes(user)).as("after an IMAP expunge").hasSize(BIG + 1).isEqualTo(imapSizes(user));
        assertThat(pop3Subject(user, 1)).isEqualTo("m1");

        deleteFirst(user, Protocol.POP3S);
        assertThat(pop3Sizes(user)).as("after a POP3 DELE").hasSize(BIG).isEqualTo(imapSizes(user));
        assertThat(pop3Subject(user, 1)).isEqualTo("m2");
    }

    /** Messages of different sizes, appended over IMAP in this order. */
    private static void append(String user, List<String> subjects) throws Exception {
        try (Store store = MailClients.open(server, Protocol.IMAPS, user, PASSWORD)) {
            // The INBOX exists from the user's creation.
            Folder inbox = store.getFolder("INBOX");
            List<Message> messages = new ArrayList<>();
            for (String subject : subjects) {
                byte[] raw = MailClients.message("sender@elsewhere.test", user, subject, "x".repeat(subject.length() * 7) + "\r\n");
                messages.add(new MimeMessage(Session.getInstance(new java.util.Properties()), new ByteArrayInputStream(raw)));
            }
            inbox.appendMessages(messages.toArray(Message[]::new));
        }
    }

    /** Message 1 flagged \Deleted and the folder closed with expunge: IMAP's EXPUNGE, POP3's DELE and QUIT. */
    private static void deleteFirst(String user, Protocol protocol) throws Exception {
        try (Store store = MailClients.open(server, protocol, user, PASSWORD)) {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            inbox.getMessage(1).setFlag(Flags.Flag.DELETED, true);
            inbox.close(true);
        }
    }

    /** The sizes POP3's LIST gives, in message number order. */
    private static List<Integer> pop3Sizes(String user) throws Exception {
        try (Store store = MailClients.open(server, Protocol.POP3S, user, PASSWORD)) {
            POP3Folder inbox = (POP3Folder) MailClients.inbox(store);
            try {
                return Arrays.stream(inbox.getSizes()).boxed().toList();
            } finally {
                inbox.close(false);
            }
        }
    }

    /** The RFC822.SIZE of each message, in sequence number order. */
    private static List<Integer> imapSizes(String user) throws Exception {
        try (Store store = MailClients.open(server, Protocol.IMAPS, user, PASSWORD)) {
            Folder inbox = MailClients.inbox(store);
            try {
                Message[] messages = inbox.getMessages();
                FetchProfile profile = new FetchProfile();
                profile.add(FetchProfile.Item.SIZE);
                inbox.fetch(messages, profile);
                List<Integer> sizes = new ArrayList<>();
                for (Message message : messages) {
                    sizes.add(message.getSize());
                }
                return sizes;
            } finally {
                inbox.close(false);
            }
        }
    }

    private static String pop3Subject(String user, int number) throws Exception {
        try (Store store = MailClients.open(server, Protocol.POP3S, user, PASSWORD)) {
            Folder inbox = MailClients.inbox(store);
            try {
                return inbox.getMessage(number).getSubject();
            } finally {
                inbox.close(false);
            }
        }
    }
}
