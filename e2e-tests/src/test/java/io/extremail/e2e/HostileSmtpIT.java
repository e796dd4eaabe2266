package io.extremail.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.extremail.e2e.MailClients.Protocol;

/**
 * A generated corpus of hostile SMTP sessions ({@code hostile.sessions}: 1,000 in the README's test command, 10,000
 * for the full run) against the MX listener, from outside the relaying
 * network, while a well-behaved client keeps sending mail: each session gets the reply code RFC 5321 calls for (or
 * a closed connection where the input makes the session hopeless), the server stays up and keeps its memory
 * bounded, the well-behaved client is served throughout, and every message answered 250 is delivered and readable
 * over IMAP (malformed and deeply nested MIME included). The counts are printed.
 */
class HostileSmtpIT {
    private static final int SESSIONS = Integer.getInteger("hostile.sessions", 10_000);
    private static final int THREADS = 8;
    private static final int CLOSED = -1;
    private static final Set<Integer> SYNTAX_ERROR = Set.of(500, 501);

    private static LoopbackDnsServer dns;
    private static ServerUnderTest server;
    private static String domain;
    private static String target;
    private static String canary;

    @BeforeAll
    static void startServer() throws Exception {
        // SPF of the senders is looked up: a local DNS server answers at once (no record), whatever this machine's DNS.
        dns = new LoopbackDnsServer("example");
        server = ServerUnderTest.install("hostile_smtp");
        server.distribution().edit("dnsservice.xml", "<autodiscover>true</autodiscover>",
            "<autodiscover>false</autodiscover>\n    <servers><server>127.0.0.1:" + dns.port() + "</server></servers>");
        server.start();
        domain = MailFlowIT.uniqueDomain();
        target = "target@" + domain;
        canary = "canary@" + domain;
        server.webAdmin().addDomain(domain);
        server.webAdmin().addUser(target, "secret");
        server.webAdmin().addUser(canary, "secret");
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
        if (dns != null) {
            dns.close();
        }
    }

    private record Case(String name, int weight, SessionScript script) {
    }

    @FunctionalInterface
    private interface SessionScript {
        /** Runs one session; returns null when the server answered as it should, else what was wrong. */
        String run(RawSession session) throws IOException;
    }

    private final AtomicInteger acceptedMessages = new AtomicInteger();

    private List<Case> corpus() {
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("overlong command line", 100, session -> {
            ehlo(session);
            session.send("NOOP " + "x".repeat(20_000) + "\r\n");
            return expect(session.smtpReply(), "reply to a 20,000-byte line", 500, CLOSED);
        }));
        cases.add(new Case("overlong address", 100, session -> {
            ehlo(session);
            session.send("MAIL FROM:<" + "a".repeat(2_000) + "@sender.example>\r\n");
            return expect(session.smtpReply(), "reply to a 2,000-byte address", 501);
        }));
        cases.add(new Case("bare LF line ends", 100, session -> {
            session.send("EHLO client.test\nMAIL FROM:<a@sender.example>\nRCPT TO:<" + target + ">\nQUIT\n");
            return expect(session.smtpReply(), "reply to EHLO ending in a bare LF", 250, 500, 501, CLOSED);
        }));
        cases.add(new Case("bare CR line ends", 100, session -> {
            session.send("EHLO client.test\rMAIL FROM:<a@sender.example>\rQUIT\r\n");
            return expect(session.smtpReply(), "reply to commands separated by bare CR", 250, 500, 501, CLOSED);
        }));
        cases.add(new Case("NUL bytes", 100, session -> {
            session.send("EHLO cli\0ent.test\r\n");
            String problem = expect(session.smtpReply(), "reply to EHLO with a NUL byte", 250, 500, 501, CLOSED);
            if (problem != null) {
                return problem;
            }
            session.send("MAIL FROM:<a\0b@sender.example>\r\n");
            return expect(session.smtpReply(), "reply to MAIL FROM with a NUL byte", 500, 501, 503, 553, CLOSED);
        }));
        cases.add(new Case("pipelining flood", 20, session -> {
            ehlo(session);
            session.send("NOOP\r\n".repeat(300) + "RSET\r\n".repeat(200));
            for (int reply = 0; reply < 500; reply++) {
                int code = session.smtpReply();
                if (code != 250) {
                    return "reply " + (reply + 1) + " of 500 pipelined NOOP/RSET was " + code;
                }
            }
            return null;
        }));
        cases.add(new Case("1,000 recipients", 1, session -> {
            ehlo(session);
            session.send("MAIL FROM:<sender@outside.example>\r\n");
            String problem = expect(session.smtpReply(), "MAIL FROM", 250);
            if (problem != null) {
                return problem;
            }
            session.send(("RCPT TO:<" + target + ">\r\n").repeat(1_000));
            for (int reply = 0; reply < 1_000; reply++) {
                int code = session.smtpReply();
                if (code != 250 && code != 452) {
                    return "RCPT " + (reply + 1) + " of 1,000 got " + code;
                }
            }
            session.send("RSET\r\n");
            return expect(session.smtpReply(), "RSET", 250);
        }));
        cases.add(new Case("unterminated DATA", 50, session -> {
            String problem = beginData(session);
            if (problem != null) {
                return problem;
            }
            session.send("Subject: never ends\r\n\r\nthe client goes away before the final dot\r\n");
            return null;
        }));
        cases.add(new Case("malformed MIME", 2, session -> message(session, "Subject: malformed mime\r\n"
            + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b1\r\n\r\n--b1\r\nContent-Type: text/plain; charset=\"\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\n!!!! not base64 !!!!\r\n--b2\r\nContent-Type: \r\n\r\nno end boundary\r\n")));
        cases.add(new Case("deep MIME nesting", 2, session -> {
            StringBuilder body = new StringBuilder("Subject: deep nesting\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"n0\"\r\n\r\n");
            int depth = 300;
            for (int level = 0; level < depth; level++) {
                body.append("--n").append(level).append("\r\nContent-Type: multipart/mixed; boundary=\"n").append(level + 1).append("\"\r\n\r\n");
            }
            body.append("--n").append(depth).append("\r\nContent-Type: text/plain\r\n\r\ndeep inside\r\n");
            for (int level = depth; level >= 0; level--) {
                body.append("--n").append(level).append("--\r\n");
            }
            return message(session, body.toString());
        }));
        cases.add(new Case("huge headers", 2, session -> {
            StringBuilder headers = new StringBuilder("Subject: huge headers\r\nX-Long: " + "h".repeat(100_000) + "\r\n");
            for (int field = 0; field < 5_000; field++) {
                headers.append("X-Field-").append(field).append(": value\r\n");
            }
            return message(session, headers.toString());
        }));
        cases.add(new Case("message over the size limit", 2, session -> {
            String problem = beginData(session);
            if (problem != null) {
                return problem;
            }
            String line = "z".repeat(998) + "\r\n";
            session.send("Subject: too big\r\n\r\n" + line.repeat((ServerUnderTest.MAX_MESSAGE_SIZE_KB * 1024 / line.length()) + 50) + ".\r\n");
            return expect(session.smtpReply(), "end of an oversized DATA", 552);
        }));
        cases.add(new Case("invalid UTF-8 with SMTPUTF8", 100, session -> {
            ehlo(session);
            session.send(new String(new byte[] {'M', 'A', 'I', 'L', ' ', 'F', 'R', 'O', 'M', ':', '<', (byte) 0xff, (byte) 0xfe, '@',
                'e', 'x', '.', 'c', 'o', 'm', '>', ' ', 'S', 'M', 'T', 'P', 'U', 'T', 'F', '8', '\r', '\n'}, java.nio.charset.StandardCharsets.ISO_8859_1));
            return expect(session.smtpReply(), "MAIL FROM with invalid UTF-8 and SMTPUTF8", 500, 501, 553, 555);
        }));
        cases.add(new Case("commands out of order", 100, session -> {
            ehlo(session);
            session.send("RCPT TO:<" + target + ">\r\n");
            String problem = expect(session.smtpReply(), "RCPT before MAIL", 503);
            if (problem != null) {
                return problem;
            }
            session.send("DATA\r\n");
            problem = expect(session.smtpReply(), "DATA before MAIL", 503);
            if (problem != null) {
                return problem;
            }
            session.send("MAIL FROM:<a@sender.example>\r\nDATA\r\n");
            session.smtpReply();
            return expect(session.smtpReply(), "DATA before RCPT", 503, 554);
        }));
        cases.add(new Case("unknown commands", 200, session -> {
            ehlo(session);
            session.send("XYZZY plugh\r\n");
            String problem = expect(session.smtpReply(), "unknown command", 500, 502);
            if (problem != null) {
                return problem;
            }
            session.send("\r\n");
            return expect(session.smtpReply(), "empty line", 500, 501, 502);
        }));
        cases.add(new Case("AUTH garbage", 100, session -> {
            ehlo(session);
            session.send("AUTH PLAIN !!!not-base64!!!\r\n");
            return expect(session.smtpReply(), "AUTH with garbage", 501, 503, 504, 530, 535, 538);
        }));
        cases.add(new Case("STARTTLS then plain text", 30, session -> {
            ehlo(session);
            session.send("STARTTLS\r\n");
            String problem = expect(session.smtpReply(), "STARTTLS", 220);
            if (problem != null) {
                return problem;
            }
            session.send("MAIL FROM:<a@sender.example>\r\n");
            return session.isClosedByServer() ? null : "the server kept a session whose TLS handshake was plain text";
        }));
        cases.add(new Case("HELO syntax", 100, session -> {
            session.send("HELO\r\n");
            return expect(session.smtpReply(), "HELO without a domain", 501);
        }));
        return cases;
    }

    @Test
    void hostileSessionsLeaveTheServerUpBoundedAndServing() throws Exception {
        List<Case> corpus = corpus();
        // Each case once first: a wrong answer is reported by case, before thousands of sessions repeat it.
        List<String> calibration = new ArrayList<>();
        for (Case single : corpus) {
            Instant started = Instant.now();
            try (RawSession session = new RawSession(server.smtp, InetAddress.getByName("127.0.0.2"), 10_000)) {
                int banner = session.smtpReply();
                String problem = banner == 220 ? single.script().run(session) : "banner " + banner;
                if (problem != null) {
                    calibration.add(single.name() + ": " + problem);
                }
                System.out.printf("HostileSmtpIT: case '%s' once: %d ms%n", single.name(), Duration.between(started, Instant.now()).toMillis());
            } catch (Exception e) {
                calibration.add(single.name() + ": " + e + " after " + Duration.between(started, Instant.now()).toMillis() + " ms");
            }
        }
        assertThat(calibration).as("cases answered wrongly").isEmpty();

        int totalWeight = corpus.stream().mapToInt(Case::weight).sum();
        Map<String, AtomicInteger> sessionsPerCase = new ConcurrentHashMap<>();
        Map<String, AtomicLong> millisPerCase = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        AtomicInteger next = new AtomicInteger();
        AtomicLong peakRss = new AtomicLong();
        AtomicBoolean flooding = new AtomicBoolean(true);
        AtomicInteger canarySent = new AtomicInteger();
        AtomicInteger canaryFailures = new AtomicInteger();
        long pid = server.distribution().serverPid();
        Instant start = Instant.now();

        ExecutorService pool = Executors.newFixedThreadPool(THREADS + 2);
        for (int thread = 0; thread < THREADS; thread++) {
            pool.submit(() -> {
                for (int index = next.getAndIncrement(); index < SESSIONS; index = next.getAndIncrement()) {
                    Case chosen = pick(corpus, index % totalWeight);
                    sessionsPerCase.computeIfAbsent(chosen.name(), name -> new AtomicInteger()).incrementAndGet();
                    Instant sessionStart = Instant.now();
                    try (RawSession session = new RawSession(server.smtp, InetAddress.getByName("127.0.0.2"), 30_000)) {
                        int banner = session.smtpReply();
                        String problem = banner == 220 ? chosen.script().run(session) : "banner " + banner;
                        if (problem != null) {
                            problems.add(chosen.name() + ": " + problem);
                        }
                    } catch (Exception e) {
                        problems.add(chosen.name() + ": " + e);
                    }
                    millisPerCase.computeIfAbsent(chosen.name(), name -> new AtomicLong())
                        .addAndGet(Duration.between(sessionStart, Instant.now()).toMillis());
                }
                return null;
            });
        }
        pool.submit(() -> {
            while (flooding.get()) {
                peakRss.accumulateAndGet(rssKib(pid), Math::max);
                Thread.sleep(200);
            }
            return null;
        });
        pool.submit(() -> {
            while (flooding.get()) {
                try {
                    MailClients.submitUnauthenticated(server, "friend@outside.example", canary, "canary " + canarySent.incrementAndGet());
                } catch (Exception e) {
                    canaryFailures.incrementAndGet();
                }
                Thread.sleep(250);
            }
            return null;
        });
        AtomicInteger lastReport = new AtomicInteger();
        // Bounded in time: 6 minutes, or 150 ms a session for larger runs (the full corpus of 10,000 takes ~15 minutes).
        Duration bound = Duration.ofMillis(Math.max(Duration.ofMinutes(6).toMillis(), SESSIONS * 150L));
        Awaitility.await().atMost(bound).pollInterval(Duration.ofSeconds(1)).until(() -> {
            if (Duration.between(start, Instant.now()).toSeconds() / 30 > lastReport.get()) {
                lastReport.incrementAndGet();
                System.out.printf("HostileSmtpIT: %d sessions started after %d s, %d problems so far%s%n", Math.min(next.get(), SESSIONS),
                    Duration.between(start, Instant.now()).toSeconds(), problems.size(), problems.isEmpty() ? "" : ", first: " + problems.peek());
            }
            return next.get() >= SESSIONS + THREADS;
        });
        flooding.set(false);
        pool.shutdown();
        assertThat(pool.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
        Duration took = Duration.between(start, Instant.now());

        assertThat(server.process()).as("the server process after the corpus").isPresent();
        int delivered = awaitMessages(target, acceptedMessages.get());
        int canaryDelivered = awaitMessages(canary, canarySent.get() - canaryFailures.get());
        System.out.printf("HostileSmtpIT: %d sessions in %d s (%s); messages accepted %d, delivered %d; well-behaved client: %d sent, "
                + "%d failed, %d delivered; server peak RSS %d MiB (VmHWM %d MiB)%n",
            sessionsPerCase.values().stream().mapToInt(AtomicInteger::get).sum(), took.toSeconds(), sessionsPerCase,
            acceptedMessages.get(), delivered, canarySent.get(), canaryFailures.get(), canaryDelivered, peakRss.get() / 1024, hwmKib(pid) / 1024);

        sessionsPerCase.forEach((name, count) -> System.out.printf("HostileSmtpIT: %s: %d sessions, %d ms on average%n",
            name, count.get(), millisPerCase.get(name).get() / Math.max(1, count.get())));
        assertThat(problems).as("sessions answered wrongly (first 30)").isEmpty();
        assertThat(canaryFailures.get()).as("well-behaved sends that failed during the flood").isZero();
        assertThat(delivered).isEqualTo(acceptedMessages.get());
        assertThat(canaryDelivered).isEqualTo(canarySent.get());
        assertThat(peakRss.get() / 1024).as("server RSS in MiB").isLessThan(1536);
        assertEveryMessageIsReadable(target);
    }

    private static Case pick(List<Case> corpus, int slot) {
        int remaining = slot;
        for (Case candidate : corpus) {
            if (remaining < candidate.weight()) {
                return candidate;
            }
            remaining -= candidate.weight();
        }
        throw new IllegalStateException("slot " + slot);
    }

    private static void ehlo(RawSession session) throws IOException {
        session.send("EHLO client.test\r\n");
        int code = session.smtpReply();
        if (code != 250) {
            throw new IOException("EHLO answered " + code);
        }
    }

    private static String beginData(RawSession session) throws IOException {
        ehlo(session);
        session.send("MAIL FROM:<sender@outside.example>\r\n");
        String problem = expect(session.smtpReply(), "MAIL FROM", 250);
        if (problem == null) {
            session.send("RCPT TO:<" + target + ">\r\n");
            problem = expect(session.smtpReply(), "RCPT TO", 250);
        }
        if (problem == null) {
            session.send("DATA\r\n");
            problem = expect(session.smtpReply(), "DATA", 354);
        }
        return problem;
    }

    private String message(RawSession session, String content) throws IOException {
        String problem = beginData(session);
        if (problem != null) {
            return problem;
        }
        session.send(content.replace("\r\n.", "\r\n..") + ".\r\n");
        int code = session.smtpReply();
        if (code == 500) {
            // James 3.8.1 answers a text line over its limit with "500 line too long" at once and stays in DATA:
            // the reply to the final dot follows.
            code = session.smtpReply();
        }
        if (code == 250) {
            acceptedMessages.incrementAndGet();
            return null;
        }
        return expect(code, "end of DATA", 250, 552, 554);
    }

    private static String expect(int code, String what, int... allowed) {
        for (int candidate : allowed) {
            if (candidate == code) {
                return null;
            }
        }
        return what + ": got " + (code == CLOSED ? "a closed connection" : String.valueOf(code)) + ", expected one of " + java.util.Arrays.toString(allowed);
    }

    private static int awaitMessages(String user, int expected) throws Exception {
        try (Store store = MailClients.open(server, Protocol.IMAPS, user, "secret")) {
            return Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> MailClients.messageCount(store), count -> count >= expected);
        }
    }

    /** Every delivered message can be fetched whole, its structure parsed and its text read. */
    private static void assertEveryMessageIsReadable(String user) throws Exception {
        try (Store store = MailClients.open(server, Protocol.IMAPS, user, "secret")) {
            Folder inbox = MailClients.inbox(store);
            try {
                for (Message message : inbox.getMessages()) {
                    assertThat(message.getSize()).isPositive();
                    assertThat(((MimeMessage) message).getContentType()).isNotNull();
                    assertThat(MailClients.rawBody(message)).isNotNull();
                }
            } finally {
                inbox.close(false);
            }
        }
    }

    private static long rssKib(long pid) {
        return status(pid, "VmRSS:");
    }

    private static long hwmKib(long pid) {
        return status(pid, "VmHWM:");
    }

    private static long status(long pid, String field) {
        try {
            for (String line : Files.readAllLines(java.nio.file.Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).replace("kB", "").strip());
                }
            }
        } catch (IOException | NumberFormatException e) {
            // the process is gone: reported by the liveness assertion
        }
        return 0;
    }
}
