package io.extremail.server.console;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.mail.internet.AddressException;

import org.apache.james.core.Domain;
import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;

/** The {@code KEY=value} pairs of one command, checked against its declared parameters. */
public final class Parameters {
    private final ConsoleCommand command;
    private final Optional<String> keyword;
    private final Map<String, String> values;

    Parameters(ConsoleCommand command, Optional<String> keyword, Map<String, String> values) {
        this.command = command;
        this.keyword = keyword;
        this.values = values;
        for (String key : values.keySet()) {
            if (command.parameters().stream().noneMatch(parameter -> parameter.name().equals(key))) {
                throw ConsoleException.badParameter(key + ": not a parameter of " + command.verb() + " ("
                    + command.parameters().stream().map(Parameter::name).collect(Collectors.joining(", ")) + ")");
            }
        }
        for (Parameter parameter : command.parameters()) {
            String value = values.get(parameter.name());
            if (value != null) {
                checkShape(parameter, value);
            }
            if (parameter.required() && (!values.containsKey(parameter.name()) || values.get(parameter.name()).isBlank())) {
                throw ConsoleException.badParameter(parameter.name() + ": missing (" + parameter.description() + ")");
            }
        }
    }

    /** Refuses what no parameter can mean: control characters (a pasted binary, a stray escape) and runaway lengths. */
    private static void checkShape(Parameter parameter, String value) {
        if (value.length() > parameter.maxLength()) {
            throw ConsoleException.badParameter(parameter.name() + ": " + value.length() + " characters, at most "
                + parameter.maxLength());
        }
        value.chars().filter(c -> c < 0x20 || c == 0x7f).findFirst().ifPresent(c -> {
            throw ConsoleException.badParameter(parameter.name() + ": control character " + String.format("U+%04X", c)
                + " not allowed");
        });
    }

    /** The word after the verb, for commands that take one ({@link ConsoleCommand#withKeywords}). */
    public Optional<String> keyword() {
        return keyword;
    }

    /** The given parameters, in the order typed. */
    public Map<String, String> given() {
        return values;
    }

    public String get(String key) {
        return optional(key).orElseThrow(() -> ConsoleException.badParameter(key + ": missing"));
    }

    public Optional<String> optional(String key) {
        return Optional.ofNullable(values.get(key)).filter(value -> !value.isBlank());
    }

    /** NAME@DOMAIN as a user name. */
    public Username user() {
        return Username.fromLocalPartWithDomain(localPart("NAME"), domain("DOMAIN"));
    }

    /** NAME@DOMAIN as an address. */
    public MailAddress address() {
        try {
            return new MailAddress(localPart("NAME"), domain("DOMAIN"));
        } catch (AddressException e) {
            throw ConsoleException.badParameter("NAME: '" + get("NAME") + "' is not a valid name in an address");
        }
    }

    public Domain domain(String key) {
        try {
            return Domain.of(get(key).strip());
        } catch (RuntimeException e) {
            throw ConsoleException.badParameter(key + ": '" + get(key) + "' is not a domain");
        }
    }

    public MailAddress address(String key) {
        return address(key, get(key));
    }

    public List<MailAddress> addresses(String key) {
        List<MailAddress> addresses = Arrays.stream(get(key).split(",")).filter(value -> !value.isBlank())
            .map(value -> address(key, value)).toList();
        if (addresses.isEmpty()) {
            throw ConsoleException.badParameter(key + ": no address given");
        }
        return addresses;
    }

    public boolean yesNo(String key, boolean defaultValue) {
        return optional(key).map(value -> switch (value.toUpperCase(Locale.ROOT)) {
            case "YES" -> true;
            case "NO" -> false;
            default -> throw ConsoleException.badParameter(key + ": '" + value + "' must be YES or NO");
        }).orElse(defaultValue);
    }

    public int number(String key, int defaultValue, int maximum) {
        return optional(key).map(value -> {
            try {
                int number = Integer.parseInt(value.strip());
                if (number >= 0 && number <= maximum) {
                    return number;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw ConsoleException.badParameter(key + ": '" + value + "' must be a whole number from 0 to " + maximum);
        }).orElse(defaultValue);
    }

    public ConsoleCommand command() {
        return command;
    }

    private String localPart(String key) {
        String value = get(key).strip();
        if (value.contains("@") || value.contains(" ")) {
            throw ConsoleException.badParameter(key + ": '" + value + "' must be the part before @ (the domain goes in DOMAIN)");
        }
        return value;
    }

    private static MailAddress address(String key, String value) {
        try {
            return new MailAddress(value.strip());
        } catch (AddressException | RuntimeException e) {
            throw ConsoleException.badParameter(key + ": '" + value.strip() + "' is not a mail address");
        }
    }
}
