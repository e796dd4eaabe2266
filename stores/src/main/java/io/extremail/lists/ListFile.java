package io.extremail.lists;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.james.core.MailAddress;

/**
 * eXtremail's mailing list file: one list per line, {@code name@domain<TAB>access<TAB>members<CRLF>}, members
 * separated by commas. LF line ends, blank lines and lines starting with {@code #} are accepted too.
 *
 * <p>The whole file is read before anything is imported: every bad line is reported with its number, and a file
 * with one bad line imports nothing.
 */
public final class ListFile {
    private ListFile() {
    }

    /** Thrown with every problem of the file, each as {@code line N: field: reason}. */
    public static final class InvalidListFileException extends Exception {
        private final List<String> errors;

        public InvalidListFileException(List<String> errors) {
            super(errors.size() + " bad line(s): " + String.join("; ", errors));
            this.errors = List.copyOf(errors);
        }

        public List<String> errors() {
            return errors;
        }
    }

    public static List<ListDefinition> parse(String content) throws InvalidListFileException {
        List<ListDefinition> lists = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        Map<MailAddress, Integer> firstLine = new HashMap<>();
        String[] lines = content.split("\r?\n", -1);
        for (int index = 0; index < lines.length; index++) {
            int number = index + 1;
            String line = lines[index];
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            List<String> lineErrors = new ArrayList<>();
            Optional<ListDefinition> list = parseLine(number, line, lineErrors);
            list.ifPresent(definition -> {
                Integer previous = firstLine.putIfAbsent(definition.address(), number);
                if (previous != null) {
                    lineErrors.add("name: " + definition.address().asString() + " is already defined on line " + previous);
                } else if (lineErrors.isEmpty()) {
                    lists.add(definition);
                }
            });
            lineErrors.forEach(error -> errors.add("line " + number + ": " + error));
        }
        if (!errors.isEmpty()) {
            throw new InvalidListFileException(errors);
        }
        return lists;
    }

    private static Optional<ListDefinition> parseLine(int number, String line, List<String> errors) {
        String[] fields = line.split("\t", -1);
        if (fields.length != 3) {
            errors.add("expected 3 fields separated by tabs (name@domain, access, members), found " + fields.length);
            return Optional.empty();
        }
        Optional<MailAddress> address = address("name", fields[0], errors);
        Optional<ListAccess> access = ListAccess.parse(fields[1]);
        if (access.isEmpty()) {
            errors.add("access: '" + fields[1] + "' is not " + ListAccess.choices());
        }
        Set<MailAddress> members = new LinkedHashSet<>();
        for (String member : fields[2].split(",")) {
            if (!member.isBlank()) {
                address("members", member, errors).ifPresent(members::add);
            }
        }
        if (address.isEmpty() || access.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ListDefinition(number, address.get(), access.get(), List.copyOf(members)));
    }

    private static Optional<MailAddress> address(String field, String value, List<String> errors) {
        try {
            return Optional.of(Addresses.parse(field, value));
        } catch (IllegalArgumentException e) {
            errors.add(e.getMessage());
            return Optional.empty();
        }
    }
}
