package io.extremail.server.queue;

import io.extremail.server.conf.PropertiesValues;

/** Our own elements of {@code <spooler>} in mailetcontainer.xml, beside James's: their errors name the element. */
final class SpoolerSettings {
    private SpoolerSettings() {
    }

    static int wholeNumber(String value, String element, int defaultValue, int min, int max) {
        return PropertiesValues.wholeNumber("conf/mailetcontainer.xml: <spooler><" + element + ">", value, defaultValue, min, max);
    }
}
