package io.extremail.server.conf;

import org.apache.commons.configuration2.Configuration;

import io.extremail.server.InvalidConfigurationException;

/** Values of our configuration files, read with an error naming file, key (or element) and the accepted range. */
public final class PropertiesValues {
    private PropertiesValues() {
    }

    public static int wholeNumber(String file, Configuration properties, String key, int defaultValue, int minimum, int maximum) {
        return wholeNumber(file + ": " + key, properties.getString(key, null), defaultValue, minimum, maximum);
    }

    /** {@code raw} read at {@code where} (file and key, or file and element), {@code defaultValue} when absent. */
    public static int wholeNumber(String where, String raw, int defaultValue, int minimum, int maximum) {
        if (raw == null) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw.strip());
            if (value >= minimum && value <= maximum) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidConfigurationException(where + ": '" + raw + "' must be a whole number from " + minimum + " to " + maximum);
    }
}
