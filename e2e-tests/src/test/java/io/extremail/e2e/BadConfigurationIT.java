package io.extremail.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An operator's mistake in conf/ stops {@code bin/extremail start} with a non-zero exit code and a message naming the
 * file and the problem, and leaves no server running.
 */
class BadConfigurationIT {
    private ServerUnderTest server;

    @AfterEach
    void noServerLeftRunning() throws Exception {
        if (server != null) {
            assertThat(server.process()).isEmpty();
        }
    }

    @Test
    void invalidPortIsReportedWithItsFile() throws Exception {
        server = ServerUnderTest.install("bad_port");
        server.distribution().edit("smtpserver.xml", "<bind>127.0.0.1:" + server.smtp + "</bind>", "<bind>127.0.0.1:99999</bind>");

        assertStartFailsWith("smtpserver.xml", "99999");
    }

    @Test
    void unknownCassandraHostIsReportedWithItsFile() throws Exception {
        server = ServerUnderTest.install("bad_cassandra_host");
        server.distribution().edit("cassandra.properties", "cassandra.nodes=127.0.0.1:" + TestCassandra.nativePort(),
            "cassandra.nodes=no-such-host.invalid:9042");

        assertStartFailsWith("cassandra.properties", "cassandra.nodes", "no-such-host.invalid");
    }

    @Test
    void malformedXmlIsReportedWithItsFile() throws Exception {
        server = ServerUnderTest.install("bad_xml");
        server.distribution().edit("imapserver.xml", "</imapservers>", "</imapserver");

        assertStartFailsWith("imapserver.xml", "line");
    }

    @Test
    void queueMemoryWithAUnitIsReportedWithItsElement() throws Exception {
        server = ServerUnderTest.install("bad_queue_memory");
        server.distribution().edit("mailetcontainer.xml", "<queueMemory>32</queueMemory>", "<queueMemory>32m</queueMemory>");

        assertStartFailsWith("conf/mailetcontainer.xml: <spooler><queueMemory>: '32m' must be a whole number from 8 to 4096");
    }

    @Test
    void webAdminBeyondLoopbackWithoutAuthenticationIsRefused() throws Exception {
        server = ServerUnderTest.install("webadmin_open");
        server.distribution().edit("webadmin.properties", "host=127.0.0.1", "host=0.0.0.0");

        assertStartFailsWith("conf/webadmin.properties: host=0.0.0.0 opens WebAdmin beyond loopback without authentication");
    }

    @Test
    void jwtWithoutAPublicKeyIsRefused() throws Exception {
        server = ServerUnderTest.install("webadmin_jwt_no_key");
        server.distribution().edit("webadmin.properties", "jwt.enabled=false", "jwt.enabled=true");

        assertStartFailsWith("conf/webadmin.properties: jwt.enabled=true needs jwt.publickeypem.url");
    }

    @Test
    void webAdminPortHeldByAnotherProcessIsReportedAtOnce() throws Exception {
        server = ServerUnderTest.install("webadmin_port_taken");
        // James's WebAdmin would leave the start waiting for good on a taken port.
        try (ServerSocket other = new ServerSocket(server.webAdminPort, 1, InetAddress.getLoopbackAddress())) {
            assertStartFailsWith("conf/webadmin.properties: port=" + server.webAdminPort, "cannot be listened on");
        }
    }

    private void assertStartFailsWith(String... expectedParts) throws Exception {
        Distribution.CommandResult result = server.distribution().launcher("start");

        assertThat(result.exitCode()).as(result.output()).isNotZero();
        assertThat(result.output()).contains(expectedParts);
    }
}
