package io.extremail.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Global, domain and user quotas stored in Cassandra and the usage James computes, over WebAdmin. */
class QuotaIT {
    private static ServerUnderTest server;

    @BeforeAll
    static void startServer() throws Exception {
        server = SharedServer.get();
    }

    @Test
    void limitsAtEachLevelAndTheUsageAreReported() throws Exception {
        String domain = MailFlowIT.uniqueDomain();
        String ivy = "ivy@" + domain;
        server.webAdmin().addDomain(domain);
        server.webAdmin().addUser(ivy, "ivy-secret");

        assertNoContent(server.webAdmin().put("/quota/size", "1000000"));
        assertNoContent(server.webAdmin().put("/quota/domains/" + domain + "/size", "500000"));
        assertNoContent(server.webAdmin().put("/quota/users/" + ivy + "/size", "100000"));
        assertNoContent(server.webAdmin().put("/quota/users/" + ivy + "/count", "50"));
        MailClients.submit(server, ivy, "ivy-secret", MailClients.message(ivy, ivy, "counted", "some bytes\r\n"));

        Awaitility.await().atMost(Duration.ofSeconds(30))
            .until(() -> server.webAdmin().get("/quota/users/" + ivy).body().contains("\"count\":1,\"ratio\""));
        String quota = server.webAdmin().get("/quota/users/" + ivy).body();
        assertThat(quota).contains("\"global\":{\"count\":null,\"size\":1000000}",
            "\"domain\":{\"count\":null,\"size\":500000}",
            "\"user\":{\"count\":50,\"size\":100000}",
            "\"computed\":{\"count\":50,\"size\":100000}",
            "\"occupation\":{\"size\":");
        assertThat(server.webAdmin().get("/quota/users/" + ivy + "/size").body()).isEqualTo("100000");
    }

    private static void assertNoContent(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
    }
}
