package io.extremail.admin;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code extremail-admin import users|aliases|lists FILE}: eXtremail's lists moved in through the console.
 * <ul>
 * <li>users: {@code user@domain<TAB>password[<TAB>quota]} (quota as USER QUOTA takes it: 500M, UNLIMITED...); the
 * domain is created when missing, an existing user gets the file's password and quota;</li>
 * <li>aliases: {@code alias@domain<TAB>user@domain};</li>
 * <li>lists: eXtremail's list file {@code name@domain<TAB>access<TAB>members}, read by the server (LIST IMPORT), so
 * the file must be on the server's machine.</li>
 * </ul>
 * Every line is checked first and every bad one reported with its number; a file with a bad line imports nothing.
 * Running an import twice leaves the same state.
 */
final class Importer {
    private static final Pattern ADDRESS = Pattern.compile("[^@\\s\"]+@[A-Za-z0-9.-]+");

    private final ConsoleConnection console;
    private final PrintStream out;

    Importer(ConsoleConnection console, PrintStream out) {
        this.console = console;
        this.out = out;
    }

    static String usage() {
        return "import users|aliases|lists FILE";
    }

    /** The exit status: 0 all imported, 1 bad lines (nothing imported) or refused commands. */
    int run(String kind, Path file) throws IOException {
        if (kind.equals("lists")) {
            ConsoleConnection.Reply reply = console.send("LIST IMPORT FILE=" + quote(file.toAbsolutePath().toString()));
            out.println(reply.status());
            reply.lines().forEach(line -> out.println("  " + line));
            return reply.ok() ? AdminClient.OK : AdminClient.COMMAND_FAILED;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String> errors = new ArrayList<>();
        List<List<String>> commands = new ArrayList<>();
        Set<String> domains = new HashSet<>();
        for (int index = 0; index < lines.size(); index++) {
            String line = lines.get(index).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                commands.add(List.of());
                continue;
            }
            String[] fields = lines.get(index).replace("\r", "").split("\t", -1);
            try {
                commands.add(switch (kind) {
                    case "users" -> user(fields, domains);
                    case "aliases" -> alias(fields);
                    default -> throw new IllegalArgumentException("unknown list '" + kind + "': " + usage());
                });
            } catch (IllegalArgumentException e) {
                errors.add("line " + (index + 1) + ": " + e.getMessage());
                commands.add(List.of());
            }
        }
        if (!errors.isEmpty()) {
            errors.forEach(out::println);
            out.println("ERR " + errors.size() + " bad line(s) in " + file + ": nothing imported");
            return AdminClient.COMMAND_FAILED;
        }
        int failed = 0;
        int imported = 0;
        for (int index = 0; index < commands.size(); index++) {
            if (commands.get(index).isEmpty()) {
                continue;
            }
            String problem = send(commands.get(index));
            if (problem == null) {
                imported++;
            } else {
                failed++;
                out.println("line " + (index + 1) + ": " + problem);
            }
        }
        out.println((failed == 0 ? "OK " : "ERR ") + imported + " " + kind + " imported" + (failed == 0 ? "" : ", " + failed + " refused"));
        return failed == 0 ? AdminClient.OK : AdminClient.COMMAND_FAILED;
    }

    /** Sends a line's commands; a command starting with "?" may fail with 409 (already there). Null when all went well. */
    private String send(List<String> commands) throws IOException {
        for (int i = 0; i < commands.size(); i++) {
            String command = commands.get(i);
            boolean mayExist = command.startsWith("?");
            ConsoleConnection.Reply reply = console.send(mayExist ? command.substring(1) : command);
            if (reply.ok()) {
                continue;
            }
            if (mayExist && reply.status().startsWith("ERR 409")) {
                // USER ADD of an existing user: the next command (USER PASS) makes it match the file.
                continue;
            }
            return reply.status();
        }
        return null;
    }

    private static List<String> user(String[] fields, Set<String> domains) {
        if (fields.length < 2 || fields.length > 3) {
            throw new IllegalArgumentException("expected user@domain<TAB>password[<TAB>quota], found " + fields.length + " field(s)");
        }
        String[] address = address("user", fields[0]);
        if (fields[1].isEmpty()) {
            throw new IllegalArgumentException("password: empty");
        }
        List<String> commands = new ArrayList<>();
        if (domains.add(address[1])) {
            commands.add("?DOMAIN ADD NAME=" + address[1]);
        }
        String user = "NAME=" + quote(address[0]) + " DOMAIN=" + address[1];
        commands.add("?USER ADD " + user + " PASS=" + quote(fields[1]));
        commands.add("USER PASS " + user + " PASS=" + quote(fields[1]));
        if (fields.length == 3 && !fields[2].isBlank()) {
            if (!fields[2].strip().toUpperCase(Locale.ROOT).matches("\\d{1,15}\\s*[KMG]?B?|UNLIMITED")) {
                throw new IllegalArgumentException("quota: '" + fields[2] + "' is not a size (500, 100K, 20M, 1G, UNLIMITED)");
            }
            commands.add("USER QUOTA " + user + " SIZE=" + fields[2].strip());
        }
        return commands;
    }

    private static List<String> alias(String[] fields) {
        if (fields.length != 2) {
            throw new IllegalArgumentException("expected alias@domain<TAB>user@domain, found " + fields.length + " field(s)");
        }
        String[] alias = address("alias", fields[0]);
        address("user", fields[1]);
        return List.of("?ALIAS ADD NAME=" + quote(alias[0]) + " DOMAIN=" + alias[1] + " FORWARD=" + fields[1].strip());
    }

    private static String[] address(String field, String value) {
        String address = value.strip();
        if (!ADDRESS.matcher(address).matches()) {
            throw new IllegalArgumentException(field + ": '" + value + "' is not a mail address");
        }
        int at = address.lastIndexOf('@');
        return new String[] {address.substring(0, at), address.substring(at + 1).toLowerCase(Locale.ROOT)};
    }

    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
