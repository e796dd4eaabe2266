package io.extremail.launcher;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The last lines of a log: what an operator needs to see when a process fails to start. */
final class LogTail {

    /** Enough for a few long stack traces; logs can be large and we only want their end. */
    private static final int MAX_BYTES = 256 * 1024;

    private LogTail() {
    }

    static List<String> lastLines(Path file, int count) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            int size = (int) Math.min(length, MAX_BYTES);
            byte[] bytes = new byte[size];
            in.seek(length - size);
            in.readFully(bytes);
            String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\r?\n", -1);
            int end = lines.length;
            if (end > 0 && lines[end - 1].isEmpty()) {
                end--; // the newline that ends the file does not start another line
            }
            int start = Math.max(0, end - count);
            if (start == 0 && size < length && end > 0) {
                start = 1; // the first line of a cut window is partial
            }
            return Arrays.asList(lines).subList(Math.min(start, end), end);
        } catch (IOException e) {
            return List.of("(cannot read " + file + ": " + e.getMessage() + ")");
        }
    }

    /** A titled block for an error message, or "" when the file is missing or empty. */
    static String block(Path file, int count) {
        List<String> lines = lastLines(file, count);
        if (lines.isEmpty()) {
            return "";
        }
        return "\n--- last " + lines.size() + " lines of " + file + " ---\n" + String.join("\n", lines);
    }
}
