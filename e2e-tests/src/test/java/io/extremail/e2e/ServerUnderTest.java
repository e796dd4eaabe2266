package io.extremail.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.awaitility.Awaitility;

/**
 * A server from the distribution, on free loopback ports, using the test run's Cassandra node with a keyspace of
 * its own. Relaying is authorized for 127.0.0.1 only: a client bound to 127.0.0.2 is a host outside LocalIP.
 */
final class ServerUnderTest {
    static final String AUTHORIZED_NETWORK = "127.0.0.1/32";
    static final int MAX_MESSAGE_SIZE_KB = 512;

    private final Distribution distribution;
    private String consolePassword;
    final int smtp = FreePorts.next();
    final int submission = FreePorts.next();
    final int smtps = FreePorts.next();
    final int imap = FreePorts.next();
    final int imaps = FreePorts.next();
    final int pop3 = FreePorts.next();
    final int pop3s = FreePorts.next();
    final int webAdminPort = FreePorts.next();
    final int jmx = FreePorts.next();
    final int console = FreePorts.next();

    private ServerUnderTest(Distribution distribution) {
        this.distribution = distribution;
    }

    /** A copy of the built distribution using the test run's Cassandra node, keyspace {@code name}. */
    static ServerUnderTest install(String name) throws IOException {
        ServerUnderTest server = new ServerUnderTest(Distribution.installCopy(name));
        server.bindPorts();
        server.useTestCassandra(name);
        return server;
    }

    /** The shipped archive unpacked as an operator would, with its own embedded Cassandra node on free ports. */
    static ServerUnderTest unpack(String name) throws IOException, InterruptedException {
        ServerUnderTest server = new ServerUnderTest(Distribution.unpackArchive(name));
        server.bindPorts();
        int nativePort = FreePorts.next();
        server.distribution.edit("cassandra.properties", "cassandra.embedded.nativePort=9042", "cassandra.embedded.nativePort=" + nativePort);
        server.distribution.edit("cassandra.properties", "cassandra.embedded.storagePort=7000", "cassandra.embedded.storagePort=" + FreePorts.next());
        return server;
    }

    private void bindPorts() throws IOException {
        bind("smtpserver.xml", "0.0.0.0:25", smtp);
        bind("smtpserver.xml", "0.0.0.0:587", submission);
        bind("smtpserver.xml", "0.0.0.0:465", smtps);
        bind("imapserver.xml", "0.0.0.0:143", imap);
        bind("imapserver.xml", "0.0.0.0:993", imaps);
        bind("pop3server.xml", "0.0.0.0:110", pop3);
        bind("pop3server.xml", "0.0.0.0:995", pop3s);
        distribution.edit("smtpserver.xml", "<authorizedAddresses>127.0.0.0/8</authorizedAddresses>",
            "<authorizedAddresses>" + AUTHORIZED_NETWORK + "</authorizedAddresses>");
        distribution.edit("smtpserver.xml", "<maxmessagesize>25600</maxmessagesize>",
            "<maxmessagesize>" + MAX_MESSAGE_SIZE_KB + "</maxmessagesize>");
        distribution.edit("webadmin.properties", "port=8000", "port=" + webAdminPort);
        distribution.edit("jmx.properties", "jmx.port=9999", "jmx.port=" + jmx);
        distribution.edit("console.properties", "port=4501", "port=" + console);
    }

    private void useTestCassandra(String keyspace) throws IOException {
        distribution.edit("cassandra.properties", "cassandra.embedded=true", "cassandra.embedded=false");
        distribution.edit("cassandra.properties", "cassandra.nodes=127.0.0.1:9042", "cassandra.nodes=127.0.0.1:" + TestCassandra.nativePort());
        distribution.edit("cassandra.properties", "cassandra.keyspace=extremail", "cassandra.keyspace=" + keyspace);
        distribution.edit("cassandra.properties", "cassandra.durable.writes=true", "cassandra.durable.writes=false");
        distribution.edit("cassandra.properties", "#cassandra.driver.configuration=cassandra-driver.conf",
            "cassandra.driver.configuration=cassandra-driver.conf");
        // Tests create a keyspace each: do not wait a second after every table creation.
        distribution.write("cassandra-driver.conf",
            "datastax-java-driver.advanced.metadata.schema.debouncer.window = 10 milliseconds\n");
    }

    private void bind(String file, String defaultBind, int port) throws IOException {
        distribution.edit(file, "<bind>" + defaultBind + "</bind>", "<bind>127.0.0.1:" + port + "</bind>");
    }

    Distribution distribution() {
        return distribution;
    }

    /**
     * The console password in force: the generated one, read once (the server deletes its file when the password is
     * changed), or the one a test set with {@link #consolePasswordChanged}.
     */
    synchronized String consolePassword() throws IOException {
        if (consolePassword == null) {
            consolePassword = java.nio.file.Files.readString(distribution.home().resolve("var/console-initial-password")).strip();
        }
        return consolePassword;
    }

    synchronized void consolePasswordChanged(String password) {
        consolePassword = password;
    }

    WebAdmin webAdmin() {
        return new WebAdmin(webAdminPort);
    }

    void start() throws Exception {
        Distribution.CommandResult result = distribution.launcher("start");
        assertThat(result.exitCode()).as("bin/extremail start:\n" + result.output()).isZero();
    }

    void stop() throws Exception {
        Distribution.CommandResult result = distribution.launcher("stop");
        assertThat(result.exitCode()).as("bin/extremail stop:\n" + result.output()).isZero();
    }

    /** SIGKILL of the server JVM: no shutdown hook, no flush, like a crash. */
    void kill() throws Exception {
        ProcessHandle server = ProcessHandle.of(distribution.serverPid()).orElseThrow();
        server.destroyForcibly();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !server.isAlive());
    }

    /** The server JVM, if one runs; a stopped server leaves no pid file. */
    Optional<ProcessHandle> process() throws IOException {
        if (!java.nio.file.Files.exists(distribution.home().resolve("var/run/server.pid"))) {
            return Optional.empty();
        }
        return ProcessHandle.of(distribution.serverPid()).filter(ProcessHandle::isAlive);
    }

    /**
     * Where the accepted messages (by subject) missing from the delivered ones are: the spool queue, a mail
     * repository, the server log.
     */
    String whereUndeliveredMailIs(Collection<String> accepted, Collection<String> delivered) throws Exception {
        List<String> missingSubjects = new ArrayList<>(accepted);
        missingSubjects.removeAll(delivered);
        StringBuilder report = new StringBuilder()
            .append(missingSubjects.size()).append(" accepted messages not delivered, e.g. ")
            .append(missingSubjects.stream().limit(10).toList())
            .append("\nspool queue: ").append(webAdmin().get("/mailQueues/spool").body());
        for (String repository : List.of("error", "denied", "relay-denied", "address-error", "rrt-error")) {
            report.append("\nrepository var/mail/").append(repository).append(": ").append(mailRepository(repository));
        }
        List<String> problems = Files.readAllLines(distribution.home().resolve("logs/server.log")).stream()
            .filter(line -> line.contains(" WARN ") || line.contains(" ERROR ")).toList();
        report.append("\nlast warnings and errors of logs/server.log:\n")
            .append(String.join("\n", problems.subList(Math.max(0, problems.size() - 40), problems.size())));
        return report.toString();
    }

    /** The keys of the mails in the Cassandra mail repository var/mail/{name}/, as WebAdmin lists them. */
    String mailRepository(String name) throws Exception {
        return webAdmin().get("/mailRepositories/cassandra%3A%2F%2Fvar%2Fmail%2F" + name + "%2F/mails").body();
    }
}
