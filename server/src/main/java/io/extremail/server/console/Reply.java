package io.extremail.server.console;

import java.util.List;

/**
 * What the console answers: a status line ({@code OK text} or {@code ERR code text}), the data lines, then a line
 * holding a single dot. Data lines starting with a dot get a second one (as in POP3), so the end is never ambiguous.
 */
public record Reply(String status, List<String> lines) {
    public static Reply ok(String text) {
        return new Reply("OK " + text, List.of());
    }

    public static Reply ok(String text, List<String> lines) {
        return new Reply("OK " + text, List.copyOf(lines));
    }

    public static Reply error(int code, String text) {
        return new Reply("ERR " + code + " " + text, List.of());
    }

    public static Reply errorWithLines(int code, String text, List<String> lines) {
        return new Reply("ERR " + code + " " + text, List.copyOf(lines));
    }

    public boolean isOk() {
        return status.startsWith("OK");
    }

    public String render() {
        StringBuilder out = new StringBuilder(oneLine(status)).append("\r\n");
        for (String line : lines) {
            String clean = oneLine(line);
            out.append(clean.startsWith(".") ? "." + clean : clean).append("\r\n");
        }
        return out.append(".\r\n").toString();
    }

    private static String oneLine(String text) {
        return text.replace("\r", " ").replace("\n", " ");
    }
}
