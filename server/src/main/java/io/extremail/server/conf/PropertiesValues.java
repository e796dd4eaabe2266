package io.extremail.server.conf;

import org.apache.commons.configuration2.Configuration;

import io.extremail.server.InvalidConfigurationException;

/** Values of our .properties files, read with an error naming file, key and the accepted range. */
public final class PropertiesValues {
    private PropertiesValues() {
    }

    public static int wholeNumber(String file, Configuration properties, String key, int defaultValue, int minimum, int maximum) {
        String raw = properties.getString(key, null);
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
        throw new InvalidConfigurationException(file + ": " + key + ": '" + raw + "' must be a whole number from " + minimum + " to " + maximum);
    }
}
