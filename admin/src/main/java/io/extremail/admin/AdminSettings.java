package io.extremail.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the console is and how to log in, from flags, then the environment, then the distribution:
 * {@code --host} / {@code EXTREMAIL_ADMIN_HOST} [127.0.0.1], {@code --port} / {@code EXTREMAIL_ADMIN_PORT} [4501],
 * {@code --password} / {@code EXTREMAIL_ADMIN_PASSWORD}, {@code --password-file} / {@code EXTREMAIL_ADMIN_PASSWORD_FILE}
 * [var/console-initial-password of the distribution], {@code --tls}, {@code --insecure}.
 */
record AdminSettings(String host, int port, Optional<String> password, Path passwordFile, boolean tls, boolean insecure,
                     List<String> command) {

    static AdminSettings parse(String[] args, Map<String, String> environment, Path home) {
        String host = environment.getOrDefault("EXTREMAIL_ADMIN_HOST", "127.0.0.1");
        String port = environment.getOrDefault("EXTREMAIL_ADMIN_PORT", "4501");
        Optional<String> password = Optional.ofNullable(environment.get("EXTREMAIL_ADMIN_PASSWORD"));
        Path passwordFile = Optional.ofNullable(environment.get("EXTREMAIL_ADMIN_PASSWORD_FILE")).map(Path::of)
            .orElse(home.resolve("var/console-initial-password"));
        boolean tls = false;
        boolean insecure = false;
        List<String> command = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--host" -> host = value(args, ++i, arg);
                case "--port" -> port = value(args, ++i, arg);
                case "--password" -> password = Optional.of(value(args, ++i, arg));
                case "--password-file" -> passwordFile = Path.of(value(args, ++i, arg));
                case "--tls" -> tls = true;
                case "--insecure" -> insecure = true;
                default -> {
                    if (arg.startsWith("--") && command.isEmpty()) {
                        throw new IllegalArgumentException(arg + ": unknown option (--host, --port, --password, --password-file, --tls, --insecure)");
                    }
                    command.add(arg);
                }
            }
        }
        int portNumber;
        try {
            portNumber = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            portNumber = -1;
        }
        if (portNumber < 1 || portNumber > 65535) {
            throw new IllegalArgumentException("--port: '" + port + "' is not a port (1-65535)");
        }
        return new AdminSettings(host, portNumber, password, passwordFile, tls, insecure, List.copyOf(command));
    }

    AdminSettings withCommand(List<String> newCommand) {
        return new AdminSettings(host, port, password, passwordFile, tls, insecure, List.copyOf(newCommand));
    }

    String resolvePassword() throws IOException {
        if (password.isPresent()) {
            return password.get();
        }
        if (!Files.isReadable(passwordFile)) {
            throw new IOException("no password: give --password, EXTREMAIL_ADMIN_PASSWORD or --password-file ("
                + passwordFile + " is not readable)");
        }
        return Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + ": needs a value");
        }
        return args[index];
    }
}
