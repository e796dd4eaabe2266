package io.extremail.server.conf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.extremail.server.InvalidConfigurationException;

/**
 * The optional {@code conf/eXtremail.conf}: eXtremail's own parameters ({@link ExtremailParameter}), one
 * {@code Name = value} per line, {@code #} comments, applied over the James configuration files. An unknown name, a
 * malformed line or a bad value stops the start with the file, the line and the reason.
 */
public final class ExtremailConf {
    public static final String FILE = "conf/eXtremail.conf";

    /** A value from the file and the line it was on. */
    public record Setting(String value, int line) {
    }

    private final Map<ExtremailParameter, Setting> settings;

    private ExtremailConf(Map<ExtremailParameter, Setting> settings) {
        this.settings = Collections.unmodifiableMap(settings);
    }

    public static ExtremailConf none() {
        return new ExtremailConf(new EnumMap<>(ExtremailParameter.class));
    }

    public static ExtremailConf load(Path home) {
        Path file = home.resolve(FILE);
        if (!Files.exists(file)) {
            return none();
        }
        try {
            return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new InvalidConfigurationException(FILE + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    static ExtremailConf parse(List<String> lines) {
        Map<ExtremailParameter, Setting> settings = new EnumMap<>(ExtremailParameter.class);
        for (int index = 0; index < lines.size(); index++) {
            int number = index + 1;
            String line = lines.get(index).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int equals = line.indexOf('=');
            if (equals < 0) {
                throw invalid(number, "expected 'Name = value', found '" + line + "'");
            }
            String name = line.substring(0, equals).strip();
            ExtremailParameter parameter = ExtremailParameter.named(name)
                .orElseThrow(() -> invalid(number, "'" + name + "' is not a parameter (" + String.join(", ",
                    java.util.Arrays.stream(ExtremailParameter.values()).map(Enum::name).toList()) + ")"));
            if (settings.containsKey(parameter)) {
                throw invalid(number, parameter.name() + ": already set on line " + settings.get(parameter).line());
            }
            try {
                settings.put(parameter, new Setting(parameter.normalize(line.substring(equals + 1)), number));
            } catch (IllegalArgumentException e) {
                throw invalid(number, parameter.name() + ": " + e.getMessage());
            }
        }
        return new ExtremailConf(settings);
    }

    public Optional<String> value(ExtremailParameter parameter) {
        return Optional.ofNullable(settings.get(parameter)).map(Setting::value);
    }

    public Optional<Setting> setting(ExtremailParameter parameter) {
        return Optional.ofNullable(settings.get(parameter));
    }

    private static InvalidConfigurationException invalid(int line, String reason) {
        return new InvalidConfigurationException(FILE + ":" + line + ": " + reason);
    }
}
