package io.extremail.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.mail.Store;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.extremail.e2e.MailClients.Protocol;

/**
 * The operator console on its TCP port, in eXtremail's command language: every verb against the same stores as
 * WebAdmin, HELP, the error paths, login throttling, the audit log, and bin/extremail-admin.
 */
class ConsoleIT {
    private static ServerUnderTest server;
    private static String password;
    private static String domain;

    @BeforeAll
    static void startServer() throws Exception {
        server = SharedServer.get();
        password = server.consolePassword();
        domain = MailFlowIT.uniqueDomain();
    }

    @Test
    void everyVerbActsOnTheSameDataAsWebAdmin() throws Exception {
        try (ConsoleClient console = ConsoleClient.loggedIn(server.console, password)) {
            ok(console, "DOMAIN ADD NAME=" + domain);
            assertThat(server.webAdmin().get("/domains/" + domain).statusCode()).isEqualTo(204);
            assertThat(console.send("DOMAIN LIST").lines()).contains(domain);

            ok(console, "user add name=ann domain=" + domain + " pass=first-secret QUOTA=10M");
            ok(console, "USER ADD NAME=bob DOMAIN=" + domain + " PASS=secret");
            assertThat(server.webAdmin().get("/users").body()).contains("ann@" + domain, "bob@" + domain);
            assertThat(console.send("USER LIST DOMAIN=" + domain).lines()).containsExactly("ann@" + domain, "bob@" + domain);
            assertThat(server.webAdmin().get("/quota/users/ann@" + domain + "/size").body()).isEqualTo("10485760");
            ok(console, "USER QUOTA NAME=ann DOMAIN=" + domain + " SIZE=20M");
            assertThat(server.webAdmin().get("/quota/users/ann@" + domain + "/size").body()).isEqualTo("20971520");
            ok(console, "USER PASS NAME=ann DOMAIN=" + domain + " PASS=\"second secret\"");
            try (Store store = MailClients.open(server, Protocol.IMAPS, "ann@" + domain, "second secret")) {
                assertThat(store.isConnected()).isTrue();
            }

            ok(console, "ALIAS ADD NAME=anna DOMAIN=" + domain + " FORWARD=ann@" + domain);
            assertThat(server.webAdmin().get("/address/aliases/ann@" + domain).body()).contains("anna@" + domain);
            assertThat(console.send("ALIAS LIST DOMAIN=" + domain).lines()).containsExactly("anna@" + domain + " -> ann@" + domain);
            ok(console, "ALIAS DEL NAME=anna DOMAIN=" + domain + " FORWARD=ann@" + domain);

            ok(console, "FORWARD SET NAME=ann DOMAIN=" + domain + " TO=bob@" + domain + ",carl@elsewhere.example KEEP=YES");
            assertThat(server.webAdmin().get("/address/forwards/ann@" + domain).body())
                .contains("bob@" + domain, "carl@elsewhere.example", "ann@" + domain);
            assertThat(console.send("FORWARD SHOW NAME=ann DOMAIN=" + domain).lines()).hasSize(3);
            ok(console, "FORWARD DEL NAME=ann DOMAIN=" + domain);
            assertThat(server.webAdmin().get("/address/forwards/ann@" + domain).statusCode()).isEqualTo(404);

            ok(console, "COPY SET NAME=ann DOMAIN=" + domain + " TO=bob@" + domain + " SENT=YES");
            assertThat(server.webAdmin().get("/copies/ann@" + domain).body()).contains("\"includeSent\":true");
            assertThat(console.send("COPY SHOW NAME=ann DOMAIN=" + domain).lines()).containsExactly("to: bob@" + domain, "sent: YES");
            ok(console, "COPY DEL NAME=ann DOMAIN=" + domain);

            ok(console, "AUTORESP SET NAME=ann DOMAIN=" + domain + " SUBJECT=\"Away\" TEXT=\"Back on Monday.\\nAnn\" FROM=2026-01-01 UNTIL=2030-12-31");
            assertThat(server.webAdmin().get("/vacation/ann@" + domain).body()).contains("\"enabled\":true", "Back on Monday.\\nAnn");
            assertThat(console.send("AUTORESP SHOW NAME=ann DOMAIN=" + domain).lines()).contains("enabled: YES", "subject: Away", "until: 2030-12-31");
            ok(console, "AUTORESP DEL NAME=ann DOMAIN=" + domain);
            assertThat(server.webAdmin().get("/vacation/ann@" + domain).body()).contains("\"enabled\":false");

            ok(console, "MAP ADD LOGIN=ann-" + domain.replace('.', '-') + " NAME=ann DOMAIN=" + domain);
            assertThat(server.webAdmin().get("/logins?mailbox=ann@" + domain).body()).contains("ann-" + domain.replace('.', '-'));
            assertThat(console.send("MAP LIST NAME=ann DOMAIN=" + domain).lines()).containsExactly("ann-" + domain.replace('.', '-'));
            assertThat(console.send("USER SHOW NAME=ann DOMAIN=" + domain).lines())
                .contains("user: ann@" + domain, "logins: ann-" + domain.replace('.', '-'), "copy: none", "autoresponder: off");
            ok(console, "MAP DEL LOGIN=ann-" + domain.replace('.', '-'));

            ok(console, "DENY ADD domainin=spam-" + domain);
            assertThat(server.webAdmin().get("/deny/domainin?limit=10000").body()).contains("spam-" + domain);
            assertThat(console.send("DENY SHOW DOMAININ LIMIT=100000").lines()).contains("spam-" + domain);
            ok(console, "DENY DEL DOMAININ=spam-" + domain);
            assertThat(console.send("DENY DEL DOMAININ=spam-" + domain).status()).startsWith("ERR 404 DOMAININ: no rule");

            ok(console, "LIST ADD NAME=team DOMAIN=" + domain + " ACCESS=MEMBERS OWNERS=ann@" + domain);
            ok(console, "LIST MEMBER ADD NAME=team DOMAIN=" + domain + " MEMBER=bob@" + domain);
            assertThat(server.webAdmin().get("/lists/team@" + domain).body()).contains("\"access\":\"MEMBERS\"", "\"members\":1");
            assertThat(console.send("LIST SHOW NAME=team DOMAIN=" + domain).lines()).contains("access: MEMBERS", "member: bob@" + domain);
            ok(console, "LIST MEMBER DEL NAME=team DOMAIN=" + domain + " MEMBER=bob@" + domain);
            Path file = Files.createTempFile("lists", ".txt");
            Files.writeString(file, "club@" + domain + "\tOPEN\tann@" + domain + ",bob@" + domain + "\r\n");
            assertThat(console.send("LIST IMPORT FILE=" + file).status()).isEqualTo("OK 1 list(s) with 2 member(s) imported");
            assertThat(server.webAdmin().get("/lists/club@" + domain + "/members").body()).contains("ann@" + domain, "bob@" + domain);
            assertThat(console.send("LIST SHOW DOMAIN=" + domain).lines()).containsExactly("club@" + domain + " OPEN", "team@" + domain + " MEMBERS");
            ok(console, "LIST DEL NAME=club DOMAIN=" + domain);
            assertThat(server.webAdmin().get("/lists/club@" + domain).statusCode()).isEqualTo(404);

            MailClients.submit(server, "ann@" + domain, "second secret", MailClients.message("ann@" + domain, "bob@" + domain, "for bob", "hi\r\n"));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                try (Store store = MailClients.open(server, Protocol.IMAPS, "bob@" + domain, "secret")) {
                    return MailClients.messageCount(store) == 1;
                }
            });
            assertThat(console.send("USER DEL NAME=bob DOMAIN=" + domain).status()).isEqualTo("OK user bob@" + domain + " deleted with 1 mailbox(es)");
            assertThat(server.webAdmin().get("/users").body()).doesNotContain("bob@" + domain);
            ok(console, "QUIT");
        }
    }

    @Test
    void denyListsCanBeEmptiedOneAtATimeOrAllAtOnce() throws Exception {
        // Other test classes on this server are finished when this one runs: emptying the lists takes nothing from them.
        try (ConsoleClient console = ConsoleClient.loggedIn(server.console, password)) {
            ok(console, "DENY ADD MAILBOXOUT=someone@blocked.example");
            ok(console, "DENY ADD IPOUT=192.0.2.0/24");
            assertThat(console.send("DENY ADD IPOUT=192.0.2.0/24 MAILBOXOUT=x@y.example").status()).startsWith("ERR 400 IPIN: give exactly one rule");
            assertThat(console.send("DENY DEL MAILBOXOUT IPOUT=192.0.2.0/24").status()).isEqualTo("ERR 400 IPOUT: not with DENY DEL MAILBOXOUT");
            assertThat(console.send("DENY DEL EVERYTHING").status()).startsWith("ERR 400 'EVERYTHING': unexpected after DENY DEL (one of IPIN");
            assertThat(console.send("DENY DEL MAILBOXOUT").status()).matches("OK \\d+ rule\\(s\\) deleted from MAILBOXOUT");
            assertThat(console.send("DENY SHOW MAILBOXOUT").status()).isEqualTo("OK 0 MAILBOXOUT rule(s)");
            assertThat(console.send("DENY SHOW IPOUT").lines()).contains("192.0.2.0/24");
            ok(console, "DENY DEL ALL");
            assertThat(console.send("DENY SHOW IPOUT").status()).isEqualTo("OK 0 IPOUT rule(s)");
            Awaitility.await().atMost(Duration.ofSeconds(2)).untilAsserted(() ->
                assertThat(console.send("DENY SHOW").lines()).containsExactly("IPIN: 0", "IPOUT: 0", "DOMAININ: 0", "DOMAINOUT: 0",
                    "MAILBOXIN: 0", "MAILBOXOUT: 0"));
        }
    }

    @Test
    void helpDescribesEveryVerbAndEachOfItsParameters() throws Exception {
        try (ConsoleClient console = new ConsoleClient(server.console, InetAddress.getLoopbackAddress())) {
            ConsoleClient.Reply help = console.send("HELP");
            assertThat(help.ok()).isTrue();
            assertThat(help.lines()).anyMatch(line -> line.startsWith("USER ADD NAME=.. DOMAIN=.. [PASS=..] [QUOTA=..]"));
            for (String verb : List.of("USER ADD", "USER DEL", "USER SHOW", "USER LIST", "USER PASS", "USER QUOTA", "DOMAIN ADD",
                "DOMAIN DEL", "DOMAIN LIST", "ALIAS ADD", "ALIAS DEL", "ALIAS LIST", "FORWARD SET", "FORWARD DEL", "FORWARD SHOW",
                "COPY SET", "COPY DEL", "COPY SHOW", "AUTORESP SET", "AUTORESP DEL", "AUTORESP SHOW", "MAP ADD", "MAP DEL",
                "MAP LIST", "DENY ADD", "DENY DEL", "DENY SHOW", "LIST ADD", "LIST DEL", "LIST SHOW", "LIST MEMBER ADD",
                "LIST MEMBER DEL", "LIST IMPORT", "QUEUE SHOW", "QUEUE REPORT", "QUEUE FLUSH", "QUEUE DEL", "DNS CACHE SHOW",
                "DNS CACHE FLUSH", "CONFIG SHOW", "PASSWORD", "LOGIN", "QUIT")) {
                assertThat(help.lines()).as(verb).anyMatch(line -> line.equals(verb) || line.startsWith(verb + " "));
                ConsoleClient.Reply verbHelp = console.send(verb + " HELP");
                assertThat(verbHelp.ok()).as(verb + " HELP: " + verbHelp.all()).isTrue();
                assertThat(verbHelp.lines().get(0)).startsWith(verb);
            }
            assertThat(console.send("USER ADD HELP").lines()).anyMatch(line -> line.startsWith("  QUOTA (optional): "));
            assertThat(console.send("DENY HELP").lines()).anyMatch(line -> line.startsWith("DENY SHOW [IPIN|IPOUT|"))
                .anyMatch(line -> line.startsWith("DENY DEL [IPIN|IPOUT|DOMAININ|DOMAINOUT|MAILBOXIN|MAILBOXOUT|ALL]"));
        }
    }

    @Test
    void badCommandsGetAnErrorNamingTheParameterAndTheSessionGoesOn() throws Exception {
        try (ConsoleClient console = new ConsoleClient(server.console, InetAddress.getLoopbackAddress())) {
            assertThat(console.send("DOMAIN LIST").status()).isEqualTo("ERR 401 LOGIN <password> first");
            assertThat(console.send("LOGIN " + password).status()).isEqualTo("OK logged in");
            assertThat(console.send("USER ADD NAME=x").status()).startsWith("ERR 400 DOMAIN: missing");
            assertThat(console.send("USER SHOW NAME=nobody DOMAIN=" + domain).status()).isEqualTo("ERR 404 NAME: no user nobody@" + domain);
            assertThat(console.send("DENY ADD IPIN=10.0.0.0/99").status()).startsWith("ERR 400 IPIN: ");
            assertThat(console.send("DENY ADD IPSIDEWAYS=10.0.0.0/8").status()).startsWith("ERR 400 IPSIDEWAYS: not a parameter of DENY ADD");
            assertThat(console.send("USER ADD NAME=x@y DOMAIN=" + domain).status()).startsWith("ERR 400 NAME: 'x@y' must be the part before @");
            assertThat(console.send("USER ADD NAME=x DOMAIN=" + domain + " PASS=y COLOUR=red").status()).startsWith("ERR 400 COLOUR: not a parameter of USER ADD");
            assertThat(console.send("USER FLY").status()).startsWith("ERR 400 USER FLY: unknown; USER has USER ADD");
            assertThat(console.send("TELEPORT").status()).isEqualTo("ERR 400 TELEPORT: unknown command; HELP lists them");
            assertThat(console.send("USER ADD NAME=\"unterminated").status()).isEqualTo("ERR 400 unterminated quote");
            assertThat(console.send("USER ADD NAME=x DOMAIN=nowhere.example PASS=y").status()).startsWith("ERR 404 DOMAIN: nowhere.example is not a domain");
            assertThat(console.send("USER QUOTA NAME=x DOMAIN=" + domain + " SIZE=lots").status()).startsWith("ERR 404 NAME: no user");
            assertThat(console.send("LIST IMPORT FILE=/nonexistent/lists.txt").status()).startsWith("ERR 404 FILE: cannot read");

            ConsoleClient.Reply tooLong = console.send("DOMAIN ADD NAME=" + "x".repeat(5000) + ".example");
            assertThat(tooLong.status()).isEqualTo("ERR 400 line: longer than 4096 bytes, refused");
            assertThat(console.send("DOMAIN LIST").ok()).isTrue();
        }
    }

    @Test
    void repeatedWrongPasswordsBanTheClientAddressOnly() throws Exception {
        InetAddress attacker = InetAddress.getByName("127.0.0.5");
        try (ConsoleClient console = new ConsoleClient(server.console, attacker)) {
            for (int attempt = 1; attempt < 5; attempt++) {
                assertThat(console.send("LOGIN wrong-" + attempt).status()).isEqualTo("ERR 401 password: wrong password");
            }
            assertThat(console.send("LOGIN wrong-5").status()).startsWith("ERR 429 too many failed logins from 127.0.0.5");
            assertThat(console.read()).as("connection closed after the ban").isNull();
        }
        try (ConsoleClient again = new ConsoleClient(server.console, attacker)) {
            assertThat(again.greeting.status()).startsWith("ERR 429");
        }
        try (ConsoleClient operator = ConsoleClient.loggedIn(server.console, password)) {
            assertThat(operator.send("DOMAIN LIST").ok()).isTrue();
        }
    }

    @Test
    void passwordChangesAndTheAuditLogNeverShowsPasswords() throws Exception {
        String changed = "a-new-console-password";
        try (ConsoleClient console = ConsoleClient.loggedIn(server.console, password)) {
            assertThat(console.send("PASSWORD OLD=wrong NEW=" + changed).status()).isEqualTo("ERR 401 OLD: wrong password");
            assertThat(console.send("PASSWORD OLD=" + password + " NEW=short").status()).startsWith("ERR 400 NEW: shorter than");
            assertThat(console.send("PASSWORD OLD=" + password + " NEW=" + changed).ok()).isTrue();
        }
        String before = password;
        password = changed;
        server.consolePasswordChanged(changed);
        assertThat(server.distribution().home().resolve("var/console-initial-password")).doesNotExist();
        assertThat(Files.readString(server.distribution().home().resolve("conf/console.password"))).startsWith("pbkdf2-sha256:");
        try (ConsoleClient console = new ConsoleClient(server.console, InetAddress.getLoopbackAddress())) {
            assertThat(console.send("LOGIN " + changed).ok()).isTrue();
            assertThat(console.send("DOMAIN LIST").ok()).isTrue();
        }
        Path audit = server.distribution().home().resolve("logs/console-audit.log");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(audit)
            && Files.readString(audit).contains("PASSWORD OLD=**** NEW=****"));
        String log = Files.readString(audit, StandardCharsets.UTF_8);
        assertThat(log).contains("LOGIN ****", "127.0.0.1 DOMAIN LIST -> OK").doesNotContain(before, changed, "first-secret");
    }

    @Test
    void adminClientRunsOneCommandAndExitsWithTheOutcome() throws Exception {
        Map<String, String> environment = Map.of("EXTREMAIL_ADMIN_PORT", String.valueOf(server.console), "EXTREMAIL_ADMIN_PASSWORD", password);
        Distribution.CommandResult listed = server.distribution().admin(environment, "DOMAIN LIST");
        assertThat(listed.exitCode()).as(listed.output()).isZero();
        assertThat(listed.output()).contains("OK ", "domain(s)");

        Distribution.CommandResult missing = server.distribution().admin(environment, "USER", "SHOW", "NAME=nobody", "DOMAIN=" + domain);
        assertThat(missing.exitCode()).as(missing.output()).isEqualTo(1);
        assertThat(missing.output()).contains("ERR 404 NAME: no user");

        Distribution.CommandResult help = server.distribution().admin(environment, "?");
        assertThat(help.exitCode()).isZero();
        assertThat(help.output()).contains("extremail-admin [options] ['<command>']", "USER ADD NAME=.. DOMAIN=..");

        Distribution.CommandResult refused = server.distribution().admin(
            Map.of("EXTREMAIL_ADMIN_PORT", String.valueOf(server.console), "EXTREMAIL_ADMIN_PASSWORD", "not-it"), "DOMAIN LIST");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.output()).contains("ERR 401");
    }

    @Test
    void importOfEXtremailUserAliasAndListFilesReportsBadLinesAndCanRunTwice() throws Exception {
        String imported = MailFlowIT.uniqueDomain();
        Map<String, String> environment = Map.of("EXTREMAIL_ADMIN_PORT", String.valueOf(server.console), "EXTREMAIL_ADMIN_PASSWORD", password);
        Path users = Files.createTempFile("users", ".txt");
        Files.writeString(users, "# exported from eXtremail\r\nzoe@" + imported + "\tzoe's \"secret\"\t20M\r\nyann@" + imported + "\tyann-pass\r\n");
        Path badUsers = Files.createTempFile("bad-users", ".txt");
        Files.writeString(badUsers, "xavier@" + imported + "\tpass\r\nnot an address\tpass\r\nwill@" + imported + "\r\n");
        Path aliases = Files.createTempFile("aliases", ".txt");
        Files.writeString(aliases, "zed@" + imported + "\tzoe@" + imported + "\r\n");
        Path lists = Files.createTempFile("lists", ".txt");
        Files.writeString(lists, "friends@" + imported + "\tMEMBERS\tzoe@" + imported + ",yann@" + imported + "\r\n");

        Distribution.CommandResult bad = server.distribution().admin(environment, "import", "users", badUsers.toString());
        assertThat(bad.exitCode()).as(bad.output()).isEqualTo(1);
        assertThat(bad.output()).contains("line 2: user: 'not an address' is not a mail address",
            "line 3: expected user@domain<TAB>password[<TAB>quota], found 1 field(s)", "nothing imported");
        assertThat(server.webAdmin().get("/users").body()).doesNotContain("xavier@" + imported);

        for (int run = 1; run <= 2; run++) {
            Distribution.CommandResult users1 = server.distribution().admin(environment, "import", "users", users.toString());
            assertThat(users1.exitCode()).as("run " + run + ": " + users1.output()).isZero();
            assertThat(users1.output()).contains("OK 2 users imported");
            Distribution.CommandResult aliases1 = server.distribution().admin(environment, "import", "aliases", aliases.toString());
            assertThat(aliases1.exitCode()).as("run " + run + ": " + aliases1.output()).isZero();
            Distribution.CommandResult lists1 = server.distribution().admin(environment, "import", "lists", lists.toString());
            assertThat(lists1.exitCode()).as("run " + run + ": " + lists1.output()).isZero();
        }
        try (Store store = MailClients.open(server, Protocol.IMAPS, "zoe@" + imported, "zoe's \"secret\"")) {
            assertThat(store.isConnected()).isTrue();
        }
        assertThat(server.webAdmin().get("/quota/users/zoe@" + imported + "/size").body()).isEqualTo("20971520");
        assertThat(server.webAdmin().get("/address/aliases/zoe@" + imported).body()).contains("zed@" + imported);
        assertThat(server.webAdmin().get("/lists/friends@" + imported).body()).contains("\"access\":\"MEMBERS\"", "\"members\":2");
    }

    private static void ok(ConsoleClient console, String command) throws Exception {
        ConsoleClient.Reply reply = console.send(command);
        assertThat(reply.ok()).as(command + " -> " + reply.all()).isTrue();
    }
}
