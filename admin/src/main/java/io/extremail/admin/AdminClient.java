package io.extremail.admin;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * {@code bin/extremail-admin}: {@code extremail-admin 'USER ADD NAME=ann DOMAIN=example.com PASS=secret'} runs one
 * console command and exits 0 when the reply is OK, 1 when it is ERR, 2 when the console cannot be reached or the
 * login fails; with no command it is interactive (history in ~/.extremail_admin_history, line editing);
 * {@code extremail-admin ?} prints help.
 */
public final class AdminClient {
    static final int OK = 0;
    static final int COMMAND_FAILED = 1;
    static final int NOT_CONNECTED = 2;

    private AdminClient() {
    }

    public static void main(String[] args) {
        System.exit(run(args, Path.of(System.getProperty("extremail.home", ".")), System.out, System.err));
    }

    static int run(String[] args, Path home, PrintStream out, PrintStream err) {
        AdminSettings settings;
        try {
            settings = AdminSettings.parse(args, System.getenv(), home);
        } catch (IllegalArgumentException e) {
            err.println("extremail-admin: " + e.getMessage());
            return NOT_CONNECTED;
        }
        if (settings.command().equals(List.of("?")) || settings.command().equals(List.of("--help"))) {
            out.println(USAGE);
            // The verbs themselves come from the server, so that this help never lags behind it; without a server the
            // usage above is the help.
            oneCommand(settings.withCommand(List.of("HELP")), out, err);
            return OK;
        }
        if (!settings.command().isEmpty() && settings.command().get(0).equals("import")) {
            return importFile(settings, out, err);
        }
        return settings.command().isEmpty() ? interactive(settings, out, err) : oneCommand(settings, out, err);
    }

    private static int importFile(AdminSettings settings, PrintStream out, PrintStream err) {
        List<String> arguments = settings.command();
        if (arguments.size() != 3 || !List.of("users", "aliases", "lists").contains(arguments.get(1))) {
            err.println("extremail-admin: " + Importer.usage());
            return NOT_CONNECTED;
        }
        Path file = Path.of(arguments.get(2));
        if (!java.nio.file.Files.isReadable(file)) {
            err.println("extremail-admin: import: cannot read " + file);
            return NOT_CONNECTED;
        }
        try (ConsoleConnection console = login(settings, err)) {
            if (console == null) {
                return NOT_CONNECTED;
            }
            int status = new Importer(console, out).run(arguments.get(1), file);
            console.send("QUIT");
            return status;
        } catch (IOException e) {
            err.println("extremail-admin: " + e.getMessage());
            return NOT_CONNECTED;
        }
    }

    private static int oneCommand(AdminSettings settings, PrintStream out, PrintStream err) {
        try (ConsoleConnection console = login(settings, err)) {
            if (console == null) {
                return NOT_CONNECTED;
            }
            ConsoleConnection.Reply reply = console.send(String.join(" ", settings.command()));
            print(reply, out);
            console.send("QUIT");
            return reply.ok() ? OK : COMMAND_FAILED;
        } catch (IOException e) {
            err.println("extremail-admin: " + e.getMessage());
            return NOT_CONNECTED;
        }
    }

    private static int interactive(AdminSettings settings, PrintStream out, PrintStream err) {
        try (ConsoleConnection console = login(settings, err); Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            if (console == null) {
                return NOT_CONNECTED;
            }
            LineReader reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .variable(LineReader.HISTORY_FILE, Path.of(System.getProperty("user.home"), ".extremail_admin_history"))
                .build();
            out.println("Connected to " + settings.host() + ":" + settings.port() + "; HELP lists the commands, QUIT leaves.");
            while (true) {
                String line;
                try {
                    line = reader.readLine("extremail> ");
                } catch (UserInterruptException e) {
                    continue;
                } catch (EndOfFileException e) {
                    console.send("QUIT");
                    return OK;
                }
                if (line.isBlank()) {
                    continue;
                }
                print(console.send(line), out);
                if (line.strip().equalsIgnoreCase("QUIT")) {
                    return OK;
                }
            }
        } catch (IOException e) {
            err.println("extremail-admin: " + e.getMessage());
            return NOT_CONNECTED;
        }
    }

    /** A logged-in session, or null when the login was refused (already reported). */
    private static ConsoleConnection login(AdminSettings settings, PrintStream err) throws IOException {
        ConsoleConnection console;
        try {
            console = ConsoleConnection.open(settings);
        } catch (IOException e) {
            throw new IOException("cannot reach the console at " + settings.host() + ":" + settings.port() + " (" + e.getMessage()
                + "); is the server running, and console.properties enabled?", e);
        }
        ConsoleConnection.Reply greeting = console.greeting();
        if (!greeting.ok()) {
            err.println(greeting.status());
            console.close();
            return null;
        }
        ConsoleConnection.Reply login = console.send("LOGIN " + settings.resolvePassword());
        if (!login.ok()) {
            err.println(login.status());
            console.close();
            return null;
        }
        return console;
    }

    private static void print(ConsoleConnection.Reply reply, PrintStream out) {
        out.println(reply.status());
        reply.lines().forEach(line -> out.println("  " + line));
    }

    private static final String USAGE = """
        extremail-admin [options] ['<command>']   run one console command; exit 0 on OK, 1 on ERR, 2 when not connected
        extremail-admin [options]                 interactive session (history, line editing)
        extremail-admin ?                         this help, then the server's list of commands
        extremail-admin import users FILE         eXtremail's user list: user@domain<TAB>password[<TAB>quota]
        extremail-admin import aliases FILE       eXtremail's alias list: alias@domain<TAB>user@domain
        extremail-admin import lists FILE         eXtremail's list file: name@domain<TAB>access<TAB>members (read by the server)
                                                  a file with a bad line imports nothing; importing twice changes nothing

        Options (or environment):
          --host HOST            EXTREMAIL_ADMIN_HOST           console address [127.0.0.1]
          --port PORT            EXTREMAIL_ADMIN_PORT           console port [4501]
          --password PASSWORD    EXTREMAIL_ADMIN_PASSWORD       admin password
          --password-file FILE   EXTREMAIL_ADMIN_PASSWORD_FILE  file holding it [var/console-initial-password]
          --tls                                                 TLS (console.properties tls.enabled=true)
          --insecure                                            with --tls: accept the self-signed certificate

        Commands: KEYWORDS KEY=value ..., e.g.
          extremail-admin 'USER ADD NAME=ann DOMAIN=example.com PASS=secret'
          extremail-admin 'DENY ADD TYPE=IPIN VALUE=192.0.2.0/24'
          extremail-admin 'USER HELP'
        """;
}
