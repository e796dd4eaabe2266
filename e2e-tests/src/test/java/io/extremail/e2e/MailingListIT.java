package io.extremail.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Store;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.extremail.e2e.MailClients.Protocol;

/**
 * Mailing lists managed over WebAdmin /lists, posted to over SMTP submission, read back over IMAP: access modes,
 * moderation, list headers, loop guard, eXtremail list file import, a list of 10,000 members.
 */
class MailingListIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ServerUnderTest server;
    private static String domain;
    private static String owner;
    private static String ann;
    private static String bob;
    private static String outsider;

    @BeforeAll
    static void startServer() throws Exception {
        server = SharedServer.get();
        domain = MailFlowIT.uniqueDomain();
        owner = "owner@" + domain;
        ann = "ann@" + domain;
        bob = "bob@" + domain;
        outsider = "outsider@" + domain;
        server.webAdmin().addDomain(domain);
        for (String user : new String[] {owner, ann, bob, outsider}) {
            server.webAdmin().addUser(user, "secret");
        }
    }

    @Test
    void openListDistributesToMembersWithListHeaders() throws Exception {
        String list = createList("news", "OPEN", ann, bob);

        post(outsider, list, "open news");

        for (String member : new String[] {ann, bob}) {
            Message received = awaitMessage(member, "open news");
            assertThat(header(received, "List-Id")).isEqualTo("<news." + domain + ">");
            assertThat(header(received, "List-Post")).isEqualTo("<mailto:" + list + ">");
            assertThat(header(received, "List-Unsubscribe")).isEqualTo("<mailto:news-owner@" + domain + "?subject=unsubscribe>");
            assertThat(header(received, "Precedence")).isEqualTo("list");
            assertThat(header(received, "X-Loop")).isEqualTo(list);
            assertThat(header(received, "Return-Path")).contains("news-owner@" + domain);
        }
    }

    @Test
    void membersListRefusesANonMemberWithANoticeSayingWhy() throws Exception {
        String list = createList("staff", "MEMBERS", ann, bob);

        post(outsider, list, "from outside");
        post(ann, list, "from a member");

        Message notice = awaitMessage(outsider, "Not distributed: from outside");
        assertThat(text(notice)).contains("only members of " + list + " may post to it",
            outsider + " is not a member");
        assertThat(awaitMessage(bob, "from a member")).isNotNull();
        assertThat(subjects(bob)).doesNotContain("from outside");
    }

    @Test
    void moderatedListHoldsPostsUntilAnOwnerReleasesOrRejectsThem() throws Exception {
        String list = createList("board", "MODERATED", ann, bob);

        post(outsider, list, "please approve");
        post(outsider, list, "please reject");
        post(owner, list, "from the owner");

        assertThat(awaitMessage(ann, "from the owner")).isNotNull();
        assertThat(text(awaitMessage(owner, "Held for moderation on " + list + ": please approve")))
            .contains("From:    " + outsider, "action=release");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> held(list).size() == 2);
        assertThat(subjects(ann)).doesNotContain("please approve", "please reject");

        JsonNode approve = held(list).stream().filter(post -> post.get("subject").asText().equals("please approve")).findFirst().orElseThrow();
        JsonNode reject = held(list).stream().filter(post -> post.get("subject").asText().equals("please reject")).findFirst().orElseThrow();
        assertThat(approve.get("sender").asText()).isEqualTo(outsider);
        assertThat(server.webAdmin().post("/lists/" + list + "/held/" + approve.get("id").asText() + "?action=release", "").statusCode()).isEqualTo(204);
        assertThat(server.webAdmin().post("/lists/" + list + "/held/" + reject.get("id").asText() + "?action=reject",
            "{\"reason\":\"off topic\"}").statusCode()).isEqualTo(204);

        assertThat(awaitMessage(bob, "please approve")).isNotNull();
        assertThat(text(awaitMessage(outsider, "Not distributed: please reject"))).contains("off topic");
        assertThat(held(list)).isEmpty();
        assertThat(subjects(bob)).doesNotContain("please reject");
        assertThat(server.webAdmin().post("/lists/" + list + "/held/" + approve.get("id").asText() + "?action=release", "").statusCode()).isEqualTo(404);
    }

    @Test
    void aPostGoesThroughEachListOnceEvenWhenListsAreMembersOfEachOther() throws Exception {
        String first = createList("ring-a", "OPEN");
        String second = createList("ring-b", "OPEN");
        addMember(first, second);
        addMember(second, first);
        addMember(second, bob);

        post(outsider, first, "around the ring");

        assertThat(awaitMessage(bob, "around the ring")).isNotNull();
        Thread.sleep(2000); // a looping copy would arrive right after
        assertThat(subjects(bob).stream().filter("around the ring"::equals).count()).isEqualTo(1);
    }

    @Test
    void listFileImportReportsEveryBadLineAndImportsNothingFromABadFile() throws Exception {
        String bad = "team@" + domain + "\tMEMBERS\t" + ann + "," + bob + "\r\n"
            + "club@" + domain + "\tPUBLIC\t" + ann + "\r\n"
            + "crew@nowhere.example\tOPEN\t" + ann + "\r\n"
            + ann + "\tOPEN\t" + bob + "\r\n";
        HttpResponse<String> refused = server.webAdmin().post("/lists/import", bad);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("line 2: access: 'PUBLIC' is not OPEN, MEMBERS or MODERATED");
        assertThat(server.webAdmin().get("/lists/team@" + domain).statusCode()).isEqualTo(404);

        HttpResponse<String> semantic = server.webAdmin().post("/lists/import", "team@" + domain + "\tMEMBERS\t" + ann + "\r\n"
            + "crew@nowhere.example\tOPEN\t" + ann + "\r\n"
            + ann + "\tOPEN\t" + bob + "\r\n");
        assertThat(semantic.statusCode()).isEqualTo(400);
        assertThat(semantic.body()).contains("line 2: domain: 'nowhere.example' is not a domain of this server",
            "line 3: list: " + ann + " is the address of a user");
        assertThat(server.webAdmin().get("/lists/team@" + domain).statusCode()).isEqualTo(404);

        HttpResponse<String> imported = server.webAdmin().post("/lists/import",
            "team@" + domain + "\tMEMBERS\t" + ann + "," + bob + "\r\nclub@" + domain + "\topen\t\r\n");
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        assertThat(imported.body()).contains("\"lists\":2", "\"members\":2");
        assertThat(server.webAdmin().get("/lists/team@" + domain).body()).contains("\"access\":\"MEMBERS\"", "\"members\":2");
        assertThat(server.webAdmin().get("/lists/team@" + domain + "/members").body()).isEqualTo("[\"" + ann + "\",\"" + bob + "\"]");
    }

    @Test
    void aListOfTenThousandMembersIsDistributedWithoutHoldingUpOtherMail() throws Exception {
        // 9,998 members in a domain on the DOMAINOUT deny list: refused in the relay processor, no network.
        String away = "members-" + domain;
        assertThat(server.webAdmin().post("/deny/domainout", "{\"value\":\"" + away + "\"}").statusCode()).isEqualTo(204);
        String members = IntStream.range(0, 9_998).mapToObj(i -> "m" + i + "@" + away).collect(Collectors.joining(","));
        String list = "big@" + domain;
        HttpResponse<String> imported = server.webAdmin().post("/lists/import", list + "\tOPEN\t" + ann + "," + members + "," + bob + "\r\n");
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        assertThat(server.webAdmin().get("/lists/" + list).body()).contains("\"members\":10000");
        assertThat(JSON.readTree(server.webAdmin().get("/lists/" + list + "/members?offset=9990&limit=100").body())).hasSize(10);

        post(outsider, list, "to ten thousand");
        post(outsider, ann, "meanwhile, direct");

        assertThat(awaitMessage(ann, "meanwhile, direct")).isNotNull();
        assertThat(awaitMessage(ann, "to ten thousand")).isNotNull();
        assertThat(awaitMessage(bob, "to ten thousand")).isNotNull();
    }

    @Test
    void webAdminValidatesLists() throws Exception {
        assertThat(server.webAdmin().put("/lists/not-an-address", "{\"access\":\"OPEN\"}").body()).contains("list: 'not-an-address' is not a mail address");
        assertThat(server.webAdmin().put("/lists/x@nowhere.example", "{\"access\":\"OPEN\"}").statusCode()).isEqualTo(404);
        assertThat(server.webAdmin().put("/lists/" + ann, "{\"access\":\"OPEN\"}").statusCode()).isEqualTo(409);
        assertThat(server.webAdmin().put("/lists/v@" + domain, "{}").body()).contains("access: is missing");
        assertThat(server.webAdmin().put("/lists/v@" + domain, "{\"access\":\"SECRET\"}").body()).contains("access: 'SECRET' is not OPEN, MEMBERS or MODERATED");
        assertThat(server.webAdmin().put("/lists/v@" + domain, "{\"access\":\"OPEN\",\"owners\":[\"bad owner\"]}").body()).contains("owners: 'bad owner' is not a mail address");
        assertThat(server.webAdmin().get("/lists/nolist@" + domain).statusCode()).isEqualTo(404);
        assertThat(server.webAdmin().get("/lists?limit=-1").body()).contains("limit: '-1' must be a whole number");
        String list = createList("valid", "OPEN");
        assertThat(server.webAdmin().put("/lists/" + list + "/members/bad%20member", "").body()).contains("member: 'bad member' is not a mail address");
        assertThat(server.webAdmin().delete("/lists/" + list + "/members/" + bob).statusCode()).isEqualTo(404);
        assertThat(server.webAdmin().post("/lists/" + list + "/held/not-an-id?action=release", "").body()).contains("id: 'not-an-id' is not the id of a held post");
        assertThat(server.webAdmin().get("/lists?domain=" + domain).body()).contains("\"address\":\"" + list + "\"");
        assertThat(server.webAdmin().delete("/lists/" + list).statusCode()).isEqualTo(204);
        assertThat(server.webAdmin().get("/lists/" + list).statusCode()).isEqualTo(404);
    }

    private static String createList(String name, String access, String... members) throws Exception {
        String list = name + "@" + domain;
        HttpResponse<String> created = server.webAdmin().put("/lists/" + list, "{\"access\":\"" + access + "\",\"owners\":[\"" + owner + "\"]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(204);
        for (String member : members) {
            addMember(list, member);
        }
        return list;
    }

    private static void addMember(String list, String member) throws Exception {
        assertThat(server.webAdmin().put("/lists/" + list + "/members/" + member, "").statusCode()).isEqualTo(204);
    }

    private static void post(String from, String to, String subject) throws Exception {
        MailClients.submit(server, from, "secret", MailClients.message(from, to, subject, "body of " + subject + "\r\n"));
    }

    private static List<JsonNode> held(String list) throws Exception {
        List<JsonNode> posts = new ArrayList<>();
        JSON.readTree(server.webAdmin().get("/lists/" + list + "/held").body()).forEach(posts::add);
        return posts;
    }

    private static List<String> subjects(String user) throws Exception {
        try (Store store = MailClients.open(server, Protocol.IMAPS, user, "secret")) {
            return MailClients.messageCount(store) == 0 ? List.of() : MailClients.subjects(store);
        }
    }

    /** Waits until the user has a message with this subject, and returns it with its headers and text loaded. */
    private static Message awaitMessage(String user, String subject) throws Exception {
        try (Store store = MailClients.open(server, Protocol.IMAPS, user, "secret")) {
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> MailClients.messageCount(store) > 0 && MailClients.subjects(store).contains(subject));
            Folder inbox = MailClients.inbox(store);
            for (Message message : inbox.getMessages()) {
                if (subject.equals(message.getSubject())) {
                    jakarta.mail.internet.MimeMessage copy = new jakarta.mail.internet.MimeMessage((jakarta.mail.internet.MimeMessage) message);
                    inbox.close(false);
                    return copy;
                }
            }
            throw new AssertionError("no message '" + subject + "' for " + user);
        }
    }

    private static String text(Message message) throws Exception {
        return new String(MailClients.rawBody(message), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String header(Message message, String name) throws Exception {
        String[] values = message.getHeader(name);
        assertThat(values).as(name).isNotNull();
        return values[0].strip();
    }
}
