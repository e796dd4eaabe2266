package io.extremail.server.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One console line in eXtremail's command language: keywords (the verb, e.g. {@code USER ADD}), then
 * {@code KEY=value} pairs in any order. Keywords and keys are case-insensitive; values keep their case and may be
 * quoted ({@code TEXT="Back on Monday"}); inside quotes {@code \"} is a quote and {@code \\} a backslash, any other
 * backslash stays as it is (AUTORESP reads {@code \n} as a line break).
 */
public record CommandLine(List<String> words, Map<String, String> parameters) {

    public static CommandLine parse(String line) {
        List<String> words = new ArrayList<>();
        Map<String, String> parameters = new LinkedHashMap<>();
        List<String> tokens = tokens(line);
        for (String token : tokens) {
            int equals = token.indexOf('=');
            if (equals < 0) {
                if (!parameters.isEmpty()) {
                    throw ConsoleException.badParameter("'" + token + "': expected KEY=value after the first parameter");
                }
                words.add(token.toUpperCase(Locale.ROOT));
                continue;
            }
            String key = token.substring(0, equals).toUpperCase(Locale.ROOT);
            if (key.isEmpty()) {
                throw ConsoleException.badParameter("'" + token + "': a parameter needs a name before '='");
            }
            if (parameters.put(key, token.substring(equals + 1)) != null) {
                throw ConsoleException.badParameter(key + ": given twice");
            }
        }
        return new CommandLine(List.copyOf(words), parameters);
    }

    private static List<String> tokens(String line) {
        List<String> tokens = new ArrayList<>();
        StringBuilder token = new StringBuilder();
        boolean quoted = false;
        boolean inToken = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '\\' && i + 1 < line.length() && (line.charAt(i + 1) == '"' || line.charAt(i + 1) == '\\')) {
                    token.append(line.charAt(++i));
                } else if (c == '"') {
                    quoted = false;
                } else {
                    token.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                inToken = true;
            } else if (Character.isWhitespace(c)) {
                if (inToken) {
                    tokens.add(token.toString());
                    token.setLength(0);
                    inToken = false;
                }
            } else {
                token.append(c);
                inToken = true;
            }
        }
        if (quoted) {
            throw ConsoleException.badParameter("unterminated quote");
        }
        if (inToken) {
            tokens.add(token.toString());
        }
        return tokens;
    }
}
