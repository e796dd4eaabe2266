package io.extremail.server.conf;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.tree.ImmutableNode;

/**
 * Where things are in James's XML configuration, as key prefixes on the root ({@code smtpserver(1).},
 * {@code processors.processor(5).mailet(3).}): reading and writing through them, unlike through sub-configurations,
 * keeps working while properties are added.
 */
public final class ConfigurationKeys {
    private ConfigurationKeys() {
    }

    /** The listener with this JMX name, e.g. {@code imapserver(0).}. */
    public static Optional<String> listener(HierarchicalConfiguration<ImmutableNode> configuration, String element, String jmxName) {
        int listeners = configuration.configurationsAt(element).size();
        for (int index = 0; index < listeners; index++) {
            String key = element + "(" + index + ").";
            if (configuration.getString(key + "jmxName", "").equals(jmxName)) {
                return Optional.of(key);
            }
        }
        return Optional.empty();
    }

    /** Every RemoteDelivery mailet of mailetcontainer.xml, in file order. */
    public static List<String> remoteDeliveries(HierarchicalConfiguration<ImmutableNode> mailetContainer) {
        List<String> keys = new ArrayList<>();
        int processors = mailetContainer.configurationsAt("processors.processor").size();
        for (int processor = 0; processor < processors; processor++) {
            String processorKey = "processors.processor(" + processor + ").";
            int mailets = mailetContainer.configurationsAt(processorKey + "mailet").size();
            for (int mailet = 0; mailet < mailets; mailet++) {
                String key = processorKey + "mailet(" + mailet + ").";
                if (mailetContainer.getString(key + "[@class]", "").equals("RemoteDelivery")) {
                    keys.add(key);
                }
            }
        }
        return keys;
    }
}
