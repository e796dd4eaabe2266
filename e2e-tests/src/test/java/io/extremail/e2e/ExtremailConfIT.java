package io.extremail.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;

import org.apache.commons.net.smtp.SMTPClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * conf/eXtremail.conf applied over James's configuration: a bad line stops the start with its number; good values
 * are in force (the MX port, the maximum size announced in EHLO, the global quota) and CONFIG SHOW prints them.
 */
class ExtremailConfIT {
    private ServerUnderTest server;

    @AfterEach
    void stop() throws Exception {
        if (server != null && server.process().isPresent()) {
            server.stop();
        }
    }

    @Test
    void aMalformedParameterStopsTheStartWithItsLineNumber() throws Exception {
        server = ServerUnderTest.install("conf_bad");
        server.distribution().write("eXtremail.conf", "# eXtremail settings\nThreadsQueue = 4\nThreadsSMTP=abc\n");

        Distribution.CommandResult result = server.distribution().launcher("start");

        assertThat(result.exitCode()).as(result.output()).isNotZero();
        assertThat(result.output()).contains("conf/eXtremail.conf:3: ThreadsSMTP: 'abc' is not a whole number from 1 to 256");
    }

    @Test
    void anUnknownParameterStopsTheStart() throws Exception {
        server = ServerUnderTest.install("conf_unknown");
        server.distribution().write("eXtremail.conf", "ThreadsSMTP = 4\nMaxUsers = 10\n");

        Distribution.CommandResult result = server.distribution().launcher("start");

        assertThat(result.exitCode()).as(result.output()).isNotZero();
        assertThat(result.output()).contains("conf/eXtremail.conf:2: 'MaxUsers' is not a parameter");
    }

    @Test
    void validParametersAreInForceAndShownWithTheirLines() throws Exception {
        server = ServerUnderTest.install("conf_good");
        int mxPort = FreePorts.next();
        server.distribution().write("eXtremail.conf", String.join("\n",
            "# migrated from eXtremail",
            "ThreadsSMTP = 4",
            "ThreadsQueue = 7",
            "LocalIP = 192.0.2.0/255.255.255.0",
            "PortSMTP = " + mxPort,
            "MaxMailSizeIn = 100K",
            "DefaultQuota = 50M",
            "QueueRetryMinutes = 30",
            "QueueMaxRetries = 4",
            "LogLevel = info",
            ""));
        server.start();

        SMTPClient client = new SMTPClient();
        client.connect("127.0.0.1", mxPort);
        try {
            assertThat(client.getReplyCode()).isEqualTo(220);
            client.sendCommand("EHLO", "client.test");
            assertThat(client.getReplyString()).contains("SIZE 102400");
        } finally {
            client.disconnect();
        }
        assertThat(server.webAdmin().get("/quota/size").body()).isEqualTo("52428800");

        String password = Files.readString(server.distribution().home().resolve("var/console-initial-password")).strip();
        try (ConsoleClient console = ConsoleClient.loggedIn(server.console, password)) {
            ConsoleClient.Reply shown = console.send("CONFIG SHOW");
            assertThat(shown.ok()).as(shown.all()).isTrue();
            assertThat(shown.lines()).contains(
                "ThreadsSMTP = 4  (conf/eXtremail.conf:2)",
                "ThreadsQueue = 7  (conf/eXtremail.conf:3)",
                "LocalIP = 127.0.0.0/8, 192.0.2.0/24  (conf/eXtremail.conf:4)",
                "PortSMTP = " + mxPort + "  (conf/eXtremail.conf:5)",
                "MaxMailSizeIn = 100K  (conf/eXtremail.conf:6)",
                "DefaultQuota = 52428800  (conf/eXtremail.conf:7)",
                "QueueRetryMinutes = 30 minutes  (conf/eXtremail.conf:8)",
                "QueueMaxRetries = 4  (conf/eXtremail.conf:9)",
                "LogLevel = INFO  (conf/eXtremail.conf:10)",
                "PortAdmin = " + server.console + "  (default)");
        }
    }
}
