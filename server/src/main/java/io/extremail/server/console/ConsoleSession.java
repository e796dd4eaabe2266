package io.extremail.server.console;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

import java.util.Optional;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.extremail.throttle.LoginThrottle;

/**
 * One console connection: a greeting, {@code LOGIN <password>} first (only HELP and QUIT before it), then one
 * command per line, each answered by a {@link Reply}. Lines longer than the limit are refused without losing the
 * session. Every command is written to the audit log (logger {@code io.extremail.console.audit}), passwords masked.
 */
class ConsoleSession implements Runnable {
    private static final Logger LOGGER = LoggerFactory.getLogger(ConsoleSession.class);
    private static final Logger AUDIT = LoggerFactory.getLogger("io.extremail.console.audit");
    private static final Set<String> SECRET_KEYS = Set.of("PASS", "NEW", "OLD");
    private static final Duration FAILED_LOGIN_DELAY = Duration.ofSeconds(1);

    private final Socket socket;
    private final ConsoleSettings settings;
    private final ConsolePassword password;
    private final Commands commands;
    private final LoginThrottle throttle;
    private final InetAddress client;
    private boolean loggedIn;

    ConsoleSession(Socket socket, ConsoleSettings settings, ConsolePassword password, Commands commands, LoginThrottle throttle) {
        this.socket = socket;
        this.settings = settings;
        this.password = password;
        this.commands = commands;
        this.throttle = throttle;
        this.client = socket.getInetAddress();
    }

    @Override
    public void run() {
        try (socket) {
            socket.setSoTimeout(settings.idleTimeoutSeconds() * 1000);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            Optional<Duration> banned = throttle.banned(client.getHostAddress());
            if (banned.isPresent()) {
                send(out, bannedReply(banned.get()));
                return;
            }
            send(out, Reply.ok("eXtremail console; LOGIN <password>"));
            while (true) {
                Optional<String> line = readLine(in, out);
                if (line == null) {
                    return;
                }
                if (line.isEmpty()) {
                    continue;
                }
                if (!handle(line.get(), out)) {
                    return;
                }
            }
        } catch (SocketTimeoutException e) {
            LOGGER.debug("Console session from {} idle for {} s: closed", client, settings.idleTimeoutSeconds());
        } catch (IOException e) {
            LOGGER.debug("Console session from {} ended: {}", client, e.getMessage());
        }
    }

    /** False when the session must end. */
    private boolean handle(String line, OutputStream out) throws IOException {
        String verb = line.strip().split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
        if (verb.equals("LOGIN") && !loggedIn && !line.strip().equalsIgnoreCase("LOGIN HELP")) {
            return login(line, out);
        }
        CommandLine command;
        try {
            command = CommandLine.parse(line);
        } catch (ConsoleException e) {
            return answer(out, masked(line), Reply.error(e.code(), e.getMessage()));
        }
        boolean helpOrQuit = command.words().contains("HELP") || command.words().equals(List.of("QUIT"));
        if (!loggedIn && !helpOrQuit) {
            return answer(out, audited(command), Reply.error(401, "LOGIN <password> first"));
        }
        Reply reply = commands.run(command);
        answer(out, audited(command), reply);
        return !command.words().equals(List.of("QUIT"));
    }

    private boolean login(String line, OutputStream out) throws IOException {
        String[] parts = line.strip().split("\\s+", 2);
        if (parts.length < 2) {
            return answer(out, "LOGIN", Reply.error(400, "password: missing (LOGIN <password>)"));
        }
        if (password.matches(parts[1])) {
            loggedIn = true;
            throttle.succeeded(client.getHostAddress());
            return answer(out, "LOGIN ****", Reply.ok("logged in"));
        }
        throttle.failed(client.getHostAddress());
        sleep(FAILED_LOGIN_DELAY);
        Optional<Duration> banned = throttle.banned(client.getHostAddress());
        if (banned.isPresent()) {
            answer(out, "LOGIN ****", bannedReply(banned.get()));
            return false;
        }
        return answer(out, "LOGIN ****", Reply.error(401, "password: wrong password"));
    }

    private Reply bannedReply(Duration left) {
        return Reply.error(429, "too many failed logins from " + client.getHostAddress() + "; try again in "
            + Math.max(1, left.toSeconds()) + " s");
    }

    private boolean answer(OutputStream out, String audited, Reply reply) throws IOException {
        AUDIT.info("{} {} -> {}", client.getHostAddress(), audited, reply.status());
        send(out, reply);
        return true;
    }

    private static void send(OutputStream out, Reply reply) throws IOException {
        out.write(reply.render().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /**
     * The next line without its end; {@code Optional.empty()} for a line refused as too long (already answered);
     * null at the end of the stream.
     */
    private Optional<String> readLine(InputStream in, OutputStream out) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        boolean tooLong = false;
        while (true) {
            int next = in.read();
            if (next < 0) {
                return null;
            }
            if (next == '\n') {
                break;
            }
            if (line.size() >= settings.maxLineLength()) {
                tooLong = true;
                continue;
            }
            line.write(next);
        }
        if (tooLong) {
            answer(out, "(line over " + settings.maxLineLength() + " bytes)",
                Reply.error(400, "line: longer than " + settings.maxLineLength() + " bytes, refused"));
            return Optional.empty();
        }
        String text = line.toString(StandardCharsets.UTF_8);
        return Optional.of(text.endsWith("\r") ? text.substring(0, text.length() - 1) : text);
    }

    private static String audited(CommandLine command) {
        String parameters = command.parameters().entrySet().stream()
            .map(entry -> entry.getKey() + "=" + (SECRET_KEYS.contains(entry.getKey()) ? "****" : quoted(entry.getValue())))
            .collect(Collectors.joining(" "));
        return String.join(" ", command.words()) + (parameters.isEmpty() ? "" : " " + parameters);
    }

    private static String masked(String line) {
        return line.replaceAll("(?i)\\b(PASS|NEW|OLD)=(\"[^\"]*\"|\\S*)", "$1=****");
    }

    private static String quoted(String value) {
        return value.contains(" ") ? "\"" + value + "\"" : value;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
