package io.extremail.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import jakarta.mail.Store;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.extremail.e2e.MailClients.Protocol;

/** James's vacation store in Cassandra, set over WebAdmin, answered by the VacationMailet of the pipeline. */
class VacationIT {
    private static ServerUnderTest server;

    @BeforeAll
    static void startServer() throws Exception {
        server = SharedServer.get();
    }

    @Test
    void awayUserAnswersEachSenderOnce() throws Exception {
        String domain = MailFlowIT.uniqueDomain();
        String gina = "gina@" + domain;
        String hank = "hank@" + domain;
        server.webAdmin().addDomain(domain);
        server.webAdmin().addUser(gina, "gina-secret");
        server.webAdmin().addUser(hank, "hank-secret");
        HttpResponse<String> set = server.webAdmin().post("/vacation/" + gina,
            "{\"enabled\":true,\"subject\":\"Out of office\",\"textBody\":\"Back on Monday.\"}");
        assertThat(set.statusCode()).as(set.body()).isEqualTo(204);
        assertThat(server.webAdmin().get("/vacation/" + gina).body()).contains("\"enabled\":true", "Out of office");

        MailClients.submit(server, hank, "hank-secret", MailClients.message(hank, gina, "first question", "?\r\n"));
        assertThat(awaitSubjects(hank, "hank-secret", 1)).containsExactly("Out of office");
        // Sent after the reply: James's vacation registry is read before it is written, so two mails processed at
        // the same moment may both be answered (the autoresponder of issue 3 closes that gap).
        MailClients.submit(server, hank, "hank-secret", MailClients.message(hank, gina, "second question", "??\r\n"));

        assertThat(awaitSubjects(gina, "gina-secret", 2)).containsExactlyInAnyOrder("first question", "second question");
        assertThat(awaitSubjects(hank, "hank-secret", 1)).containsExactly("Out of office");
    }

    private static List<String> awaitSubjects(String user, String password, int expected) throws Exception {
        try (Store store = MailClients.open(server, Protocol.IMAPS, user, password)) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> MailClients.messageCount(store) >= expected);
            // A second reply would arrive right after the first: give it the time to show up.
            Thread.sleep(2000);
            return MailClients.subjects(store);
        }
    }
}
