package io.extremail.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jakarta.mail.Store;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.extremail.e2e.MailClients.Protocol;

/**
 * Issue 6, item 7: every console verb that HELP lists, and every WebAdmin route of ours, given missing, malformed and
 * oversized values: each is refused with a 4xx naming the field, and the stored state is the same afterwards.
 * The console verbs come from HELP, so a new verb is swept without touching this test; a new parameter name fails it
 * until it gets a malformed example below.
 */
class AdminBadInputIT {
    private static final String OVERSIZED = "a".repeat(2_000);
    private static final String PASSWORD = "Fixture-secret-1";

    private static ServerUnderTest server;
    private static String consolePassword;
    private static String domain;

    @BeforeAll
    static void fixture() throws Exception {
        server = SharedServer.get();
        consolePassword = server.consolePassword();
        domain = MailFlowIT.uniqueDomain();
        try (ConsoleClient console = ConsoleClient.loggedIn(server.console, consolePassword)) {
            for (String command : List.of(
                "DOMAIN ADD NAME=" + domain,
                "USER ADD NAME=ann DOMAIN=" + domain + " PASS=" + PASSWORD + " QUOTA=10M",
                "USER ADD NAME=bob DOMAIN=" + domain + " PASS=" + PASSWORD,
                "ALIAS ADD NAME=anna DOMAIN=" + domain + " FORWARD=ann@" + domain,
                "FORWARD SET NAME=bob DOMAIN=" + domain + " TO=ann@" + domain + " KEEP=YES",
                "COPY SET NAME=ann DOMAIN=" + domain + " TO=bob@" + domain,
                "AUTORESP SET NAME=ann DOMAIN=" + domain + " SUBJECT=Away TEXT=\"Back soon\"",
                "MAP ADD LOGIN=ann-" + domain.replace('.', '-') + " NAME=ann DOMAIN=" + domain,
                "LIST ADD NAME=team DOMAIN=" + domain + " ACCESS=OPEN OWNERS=ann@" + domain,
                "LIST MEMBER ADD NAME=team DOMAIN=" + domain + " MEMBER=member@elsewhere.example",
                "DENY ADD MAILBOXIN=spammer@" + domain,
                "DKIM ADD DOMAIN=" + domain + " SELECTOR=s1 BITS=1024")) {
                ConsoleClient.Reply reply = console.send(command);
                assertThat(reply.ok()).as(command + " -> " + reply.all()).isTrue();
            }
        }
    }

    @Test
    void everyConsoleVerbRefusesMissingMalformedAndOversizedValuesAndChangesNothing() throws Exception {
        List<String> findings = new ArrayList<>();
        int tried = 0;
        try (ConsoleClient console = ConsoleClient.loggedIn(server.console, consolePassword)) {
            String before = consoleState(console);
            ConsoleClient.Reply help = console.send("HELP");
            assertThat(help.ok()).isTrue();
            for (String usage : help.lines()) {
                Verb verb = Verb.parse(usage);
                if (List.of("LOGIN", "QUIT").contains(verb.name)) {
                    continue;
                }
                boolean readOnly = verb.name.endsWith(" SHOW") || verb.name.endsWith(" LIST") || verb.name.endsWith(" REPORT");
                for (Case sweepCase : cases(verb)) {
                    tried++;
                    ConsoleClient.Reply reply = console.send(sweepCase.line);
                    String shown = sweepCase.line.substring(0, Math.min(160, sweepCase.line.length()));
                    if (!sweepCase.expected(reply.status())) {
                        findings.add(shown + "\n    -> " + reply.status().substring(0, Math.min(200, reply.status().length()))
                            + "\n    expected ERR 4xx naming " + sweepCase.names);
                    }
                    String after = readOnly ? before : consoleState(console);
                    if (!after.equals(before)) {
                        findings.add(shown + "\n    changed the stored state:\n" + difference(before, after));
                        before = after;
                    }
                }
            }
            String over = "USER SHOW NAME=ann DOMAIN=" + domain + " X=" + "a".repeat(5_000);
            tried++;
            assertThat(console.send(over).status()).startsWith("ERR 400 line: longer than");
            System.out.println("[AdminBadInputIT] console: " + tried + " bad commands, " + findings.size() + " findings");
            assertThat(findings).as(tried + " bad commands").isEmpty();
            assertThat(consoleState(console)).as("the stored state after the sweep").isEqualTo(before);
        }
        try (ConsoleClient console = ConsoleClient.loggedIn(server.console, consolePassword);
             Store store = MailClients.open(server, Protocol.IMAPS, "ann@" + domain, PASSWORD)) {
            assertThat(store.isConnected()).as("console password and ann's password unchanged").isTrue();
        }
    }

    @Test
    void everyWebAdminRouteOfOursRefusesMissingMalformedAndOversizedValuesAndChangesNothing() throws Exception {
        String user = "ann@" + domain;
        String list = "team@" + domain;
        List<Route> routes = List.of(
            Route.of("GET /limits/users/{user}"), Route.of("DELETE /limits/users/{user}"),
            Route.of("PUT /limits/users/{user}", "{\"maxIncomingSize\": 1000, \"maxOutgoingSize\": 2000}"),
            Route.of("GET /limits/domains/{domain}"), Route.of("DELETE /limits/domains/{domain}"),
            Route.of("PUT /limits/domains/{domain}", "{\"maxIncomingSize\": 1000, \"maxOutgoingSize\": 2000}"),
            Route.of("GET /copies/{user}"), Route.of("DELETE /copies/{user}"),
            Route.of("PUT /copies/{user}", "{\"target\": \"bob@" + domain + "\", \"includeSent\": true}", "target"),
            Route.of("GET /deny/{kind}?offset=0&limit=10"),
            Route.of("POST /deny/{kind}", "{\"value\": \"fresh-spammer@" + domain + "\"}", "value"),
            Route.of("DELETE /deny/{kind}?value=spammer@" + domain),
            Route.of("GET /logins?mailbox=" + user), Route.of("GET /logins/{login}"), Route.of("DELETE /logins/{login}"),
            Route.of("PUT /logins/{freshLogin}", "{\"mailbox\": \"" + user + "\"}", "mailbox"),
            Route.of("GET /dns/cache?domain=" + domain), Route.of("DELETE /dns/cache?domain=" + domain),
            Route.of("GET /lists?domain=" + domain + "&offset=0&limit=10"),
            Route.of("GET /lists/{list}"), Route.of("DELETE /lists/{list}"),
            Route.of("PUT /lists/{freshList}", "{\"access\": \"OPEN\", \"owners\": [\"" + user + "\"]}", "access"),
            Route.of("GET /lists/{list}/members?offset=0&limit=10"),
            Route.of("PUT /lists/{list}/members/{freshMember}"), Route.of("DELETE /lists/{list}/members/{member}"),
            Route.of("GET /lists/{list}/held?offset=0&limit=10"),
            Route.of("POST /lists/{list}/held/{id}?action=release"),
            Route.of("GET /dkim/{domain}/keys"), Route.of("GET /dkim/{domain}/keys/{selector}"),
            Route.of("DELETE /dkim/{domain}/keys/{selector}"),
            Route.of("POST /dkim/{domain}/keys/{selector}?action=activate"),
            Route.of("POST /dkim/{domain}/keys", "{\"selector\": \"fresh\", \"bits\": 1024, \"activate\": false}"));
        // James's own routes that the README sends operators to: 4xx and nothing changed (their messages are James's).
        List<Route> jamesRoutes = List.of(
            Route.of("PUT /domains/{freshDomain}"),
            Route.of("PUT /users/{freshUser}", "{\"password\": \"Valid-password-42\"}", "password"),
            Route.of("PUT /quota/users/{user}/size", "20000000"),
            Route.of("POST /quota/users?task=RecomputeCurrentQuotas&usersPerSecond=100"),
            Route.of("PUT /address/forwards/{user}/targets/{member}"),
            Route.of("PUT /address/aliases/{user}/sources/{freshUser}"));
        Map<String, String> valid = pairs("user", user, "domain", domain, "kind", "mailboxin", "login", "ann-" + domain.replace('.', '-'),
            "freshLogin", "fresh-login", "list", list, "freshList", "fresh-list@" + domain, "member", "member@elsewhere.example",
            "freshMember", "fresh-member@elsewhere.example", "selector", "s1", "id", "00000000-0000-4000-8000-000000000000",
            "freshDomain", "fresh-" + domain, "freshUser", "fresh@" + domain);
        Map<String, String> malformedPath = pairs("user", "not a user@@", "domain", "bad domain@here", "kind", "bogus",
            "login", "two words@@", "freshLogin", "two words@@", "list", "not a list@@", "freshList", "not a list@@",
            "member", "not an address@@", "freshMember", "not an address@@", "selector", "-x", "id", "not-a-uuid",
            "freshDomain", "bad domain@here", "freshUser", "not a user@@");
        Map<String, String> malformedField = pairs("maxIncomingSize", "-5", "maxOutgoingSize", "0", "target", "\"not an address@@\"",
            "includeSent", "\"maybe\"", "value", "\"not an address@@\"", "mailbox", "\"not an address@@\"",
            "access", "\"SOMETIMES\"", "owners", "[\"not an address@@\"]", "selector", "\"-x\"", "bits", "999");
        Map<String, String> malformedQuery = Map.of("offset", "-1", "limit", "abc", "mailbox", "not an address@@",
            "domain", "bad domain@here", "action", "bogus", "value", "not an address@@", "task", "bogus", "usersPerSecond", "-1");

        WebAdmin webAdmin = server.webAdmin();
        List<String> findings = new ArrayList<>();
        int tried = 0;
        String before = webAdminState(webAdmin);
        for (Route route : Stream.concat(routes.stream(), jamesRoutes.stream()).toList()) {
            boolean ours = routes.contains(route);
            List<Request> requests = new ArrayList<>();
            for (String parameter : route.pathParameters()) {
                String bad = Optional.ofNullable(malformedPath.get(parameter)).orElseThrow();
                // {freshList} is the route's {list} given a name that does not exist yet.
                String named = parameter.startsWith("fresh") ? parameter.substring(5).toLowerCase(Locale.ROOT) : parameter;
                requests.add(new Request(route.method, route.path(valid, parameter, bad), route.body, named));
                requests.add(new Request(route.method, route.path(valid, parameter, "a".repeat(2_000)), route.body, named));
            }
            for (String query : route.queryParameters()) {
                requests.add(new Request(route.method, route.path(valid, null, null).replaceAll("([?&]" + query + "=)[^&]*",
                    "$1" + URLEncoder.encode(malformedQuery.get(query), StandardCharsets.UTF_8)), route.body, query));
            }
            if (route.body != null && route.body.startsWith("{")) {
                String path = route.path(valid, null, null);
                for (String bad : List.of("", "{", "[1]", "\"text\"")) {
                    if (bad.isEmpty() && route.template.startsWith("/dkim")) {
                        continue; // no body: a key with the default selector and size, as documented
                    }
                    requests.add(new Request(route.method, path, bad, "body"));
                }
                requests.add(new Request(route.method, path, route.body.replaceFirst("\\}$", ", \"bogus\": 1}"), "bogus"));
                for (String field : route.fields()) {
                    for (String bad : List.of(malformedField.getOrDefault(field, "{\"nested\": 1}"), "{\"nested\": 1}",
                        "\"" + "a".repeat(100_000) + "\"")) {
                        requests.add(new Request(route.method, path, route.withField(field, bad), field));
                    }
                }
                for (String field : route.requiredFields) {
                    requests.add(new Request(route.method, path, route.withField(field, null), field));
                }
            }
            for (Request request : requests) {
                tried++;
                HttpResponse<String> response = request.send(webAdmin);
                String shown = request.method + " " + request.path.substring(0, Math.min(120, request.path.length()))
                    + (request.body == null ? "" : " " + request.body.substring(0, Math.min(120, request.body.length())));
                String message = response.body().substring(0, Math.min(300, response.body().length()));
                if (response.statusCode() / 100 != 4 || (ours && !message.toLowerCase(Locale.ROOT).contains(request.names.toLowerCase(Locale.ROOT)))) {
                    findings.add(shown + "\n    -> " + response.statusCode() + " " + message + "\n    expected 4xx naming " + request.names);
                }
                if (!request.method.equals("GET")) {
                    String after = webAdminState(webAdmin);
                    if (!after.equals(before)) {
                        findings.add(shown + "\n    changed the stored state:\n" + difference(before, after));
                        before = after;
                    }
                }
            }
        }
        System.out.println("[AdminBadInputIT] WebAdmin: " + tried + " bad requests, " + findings.size() + " findings");
        assertThat(findings).as(tried + " bad requests").isEmpty();
    }

    private static Map<String, String> pairs(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** One route: {@code METHOD /path/{placeholder}?query=value}, its valid JSON body and the fields it requires. */
    private record Route(String method, String template, String body, List<String> requiredFields) {
        static Route of(String route) {
            return of(route, null);
        }

        static Route of(String route, String body, String... requiredFields) {
            String[] parts = route.split(" ", 2);
            return new Route(parts[0], parts[1], body, List.of(requiredFields));
        }

        List<String> pathParameters() {
            return groups("\\{(\\w+)}", template);
        }

        List<String> queryParameters() {
            return groups("[?&](\\w+)=", template);
        }

        List<String> fields() {
            return groups("\"(\\w+)\":", body);
        }

        private static List<String> groups(String regex, String text) {
            return Pattern.compile(regex).matcher(text).results().map(match -> match.group(1)).toList();
        }

        String path(Map<String, String> valid, String special, String value) {
            String path = template;
            for (String parameter : pathParameters()) {
                String chosen = parameter.equals(special) ? value : valid.get(parameter);
                path = path.replace("{" + parameter + "}", URLEncoder.encode(chosen, StandardCharsets.UTF_8).replace("+", "%20"));
            }
            return path;
        }

        /** The valid body with {@code field} set to the raw JSON {@code value}, or without it when null. */
        String withField(String field, String value) {
            String pattern = "\"" + field + "\": (\"[^\"]*\"|\\[[^\\]]*]|[^,}]+)";
            String replaced = value == null
                ? body.replaceFirst(",? ?" + pattern, "").replace("{, ", "{")
                : body.replaceFirst(pattern, Matcher.quoteReplacement("\"" + field + "\": " + value));
            return replaced;
        }
    }

    private record Request(String method, String path, String body, String names) {
        HttpResponse<String> send(WebAdmin webAdmin) throws Exception {
            return webAdmin.send(method, path, body);
        }
    }

    /** What a bad request could have changed, read back over WebAdmin. */
    private String webAdminState(WebAdmin webAdmin) throws Exception {
        String user = "ann@" + domain;
        StringBuilder state = new StringBuilder();
        List<String> reads = new ArrayList<>(List.of("/domains", "/users", "/lists", "/lists/team@" + domain,
            "/lists/team@" + domain + "/members?limit=10000", "/deny", "/logins?mailbox=" + user, "/limits/users/" + user,
            "/limits/domains/" + domain, "/copies/" + user, "/dkim/" + domain + "/keys", "/address/forwards/bob@" + domain,
            "/vacation/" + user, "/quota/users/" + user));
        for (String kind : List.of("ipin", "ipout", "domainin", "domainout", "mailboxin", "mailboxout")) {
            reads.add("/deny/" + kind + "?limit=100000");
        }
        for (String read : reads) {
            HttpResponse<String> response = webAdmin.get(read);
            state.append("> ").append(read).append('\n').append(response.statusCode()).append(' ').append(response.body()).append('\n');
        }
        return state.toString();
    }

    /** One verb as HELP prints it: {@code DENY DEL [IPIN|...|ALL] [IPIN=..] ...}. */
    private record Verb(String name, List<String> keywords, Map<String, Boolean> parameters) {
        static Verb parse(String usage) {
            List<String> words = new ArrayList<>();
            List<String> keywords = new ArrayList<>();
            Map<String, Boolean> parameters = new LinkedHashMap<>();
            for (String token : usage.split(" ")) {
                if (token.endsWith("=..")) {
                    parameters.put(token.substring(0, token.length() - 3), true);
                } else if (token.startsWith("[") && token.endsWith("=..]")) {
                    parameters.put(token.substring(1, token.length() - 4), false);
                } else if (token.startsWith("[")) {
                    keywords.addAll(List.of(token.substring(1, token.length() - 1).split("\\|")));
                } else {
                    words.add(token);
                }
            }
            return new Verb(String.join(" ", words), keywords, parameters);
        }

        List<String> required() {
            return parameters.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList();
        }
    }

    /** A bad command line and the words its refusal must name. */
    private record Case(String line, List<String> names) {
        boolean expected(String status) {
            return status.matches("ERR 4\\d\\d .*") && names.stream().anyMatch(name -> status.substring(8).contains(name));
        }
    }

    private List<Case> cases(Verb verb) {
        List<Case> cases = new ArrayList<>();
        for (String missing : verb.required()) {
            cases.add(new Case(line(verb, missing, Optional.empty()), List.of(missing)));
        }
        cases.add(new Case(line(verb, null, Optional.empty()) + " BOGUS=1", List.of("BOGUS")));
        cases.add(new Case(verb.name + " BOGUSWORD " + parametersLine(verb, null, Optional.empty()), List.of("BOGUSWORD")));
        for (String parameter : verb.parameters.keySet()) {
            for (String bad : List.of(malformed(parameter), "a\u0001b")) {
                cases.add(new Case(line(verb, parameter, Optional.of(bad)), List.of(parameter)));
            }
            // Free text may fill the console's line (4,096 bytes by default): beyond it the line is refused.
            cases.add(parameter.equals("TEXT")
                ? new Case(line(verb, parameter, Optional.of("a".repeat(5_000))), List.of("line"))
                : new Case(line(verb, parameter, Optional.of(OVERSIZED)), List.of(parameter)));
        }
        return cases;
    }

    /** The verb with valid values for its required parameters, {@code special} left out or set to {@code value}. */
    private String line(Verb verb, String special, Optional<String> value) {
        return verb.name + " " + parametersLine(verb, special, value);
    }

    private String parametersLine(Verb verb, String special, Optional<String> value) {
        List<String> pairs = new ArrayList<>();
        for (String required : verb.required()) {
            if (!required.equals(special)) {
                pairs.add(required + "=" + quoted(valid(verb, required)));
            }
        }
        if (special != null && value.isPresent()) {
            pairs.add(special + "=" + quoted(value.get()));
        }
        return String.join(" ", pairs);
    }

    private static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** A value that would be accepted, new where the verb creates something so that only the bad value can fail it. */
    private String valid(Verb verb, String parameter) {
        boolean creates = verb.name.endsWith(" ADD");
        return switch (parameter) {
            case "NAME" -> verb.name.startsWith("DOMAIN") ? (creates ? "fresh-" + domain : domain)
                : verb.name.startsWith("LIST") ? (verb.name.equals("LIST ADD") ? "fresh-list" : "team")
                : List.of("USER ADD", "ALIAS ADD").contains(verb.name) ? "fresh" : "ann";
            case "DOMAIN" -> domain;
            case "PASS", "NEW" -> "Valid-password-42";
            case "OLD" -> consolePassword;
            case "SIZE", "QUOTA" -> "20M";
            case "FORWARD", "TO" -> "bob@" + domain;
            case "LOGIN" -> "fresh-login-" + domain.replace('.', '-');
            case "MEMBER" -> "new-member@elsewhere.example";
            case "ACCESS" -> "OPEN";
            case "FILE" -> "/nonexistent/lists.txt";
            case "SELECTOR" -> verb.name.equals("DKIM ADD") ? "fresh" : "s1";
            case "TEXT" -> "Back soon";
            default -> throw new AssertionError("no valid example for the required parameter " + parameter);
        };
    }

    /** Wrong for what the parameter means; the sweep fails on a parameter it has no example for. */
    private static String malformed(String parameter) {
        return switch (parameter) {
            case "NAME", "DOMAIN", "DOMAININ", "DOMAINOUT" -> "bad name@here";
            case "NEW" -> "short";
            case "OLD" -> "not-the-console-password";
            case "SIZE", "QUOTA" -> "12Q";
            case "FORWARD", "TO", "MEMBER", "OWNERS", "MAILBOXIN", "MAILBOXOUT" -> "not an address@@";
            case "LOGIN" -> "two words@@";
            case "ACCESS" -> "SOMETIMES";
            case "FILE" -> "/nonexistent/lists.txt";
            case "SELECTOR" -> "-x";
            case "BITS" -> "999";
            case "ALGORITHM" -> "ed448";
            case "ACTIVATE", "KEEP", "SENT", "ALL" -> "MAYBE";
            case "FROM", "UNTIL" -> "2026-13-45";
            case "LIMIT", "OFFSET" -> "-1";
            case "IPIN", "IPOUT" -> "999.1.1.1/40";
            case "QUEUE" -> "no-such-queue";
            // Any text is a password, a subject or a reply: only control characters are wrong in it.
            case "PASS", "DIR", "SUBJECT", "TEXT" -> "a\u0007b";
            default -> throw new AssertionError("no malformed example for the console parameter " + parameter
                + ": add one to AdminBadInputIT.malformed");
        };
    }

    /** What a bad command could have changed, read back through the console. */
    /** The lines of each state that the other lacks, so that a finding says what changed. */
    private static String difference(String before, String after) {
        List<String> was = before.lines().toList();
        List<String> is = after.lines().toList();
        return Stream.concat(was.stream().filter(line -> !is.contains(line)).map(line -> "      - " + line),
            is.stream().filter(line -> !was.contains(line)).map(line -> "      + " + line))
            .limit(20).reduce((a, b) -> a + "\n" + b).orElse("      (same lines, another order)");
    }

    private String consoleState(ConsoleClient console) throws Exception {
        StringBuilder state = new StringBuilder();
        List<String> reads = new ArrayList<>(List.of(
            "DOMAIN LIST", "USER LIST", "ALIAS LIST", "LIST SHOW", "DENY SHOW", "CONFIG SHOW",
            "LIST SHOW NAME=team DOMAIN=" + domain, "DKIM LIST DOMAIN=" + domain, "MAP LIST NAME=ann DOMAIN=" + domain));
        for (String user : List.of("ann", "bob")) {
            for (String verb : List.of("USER SHOW", "FORWARD SHOW", "COPY SHOW", "AUTORESP SHOW")) {
                reads.add(verb + " NAME=" + user + " DOMAIN=" + domain);
            }
        }
        for (String kind : List.of("IPIN", "IPOUT", "DOMAININ", "DOMAINOUT", "MAILBOXIN", "MAILBOXOUT")) {
            reads.add("DENY SHOW " + kind + " LIMIT=100000");
        }
        for (String read : reads) {
            state.append("> ").append(read).append('\n').append(console.send(read).all()).append('\n');
        }
        return state.toString();
    }
}
