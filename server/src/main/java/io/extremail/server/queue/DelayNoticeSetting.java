package io.extremail.server.queue;

import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.tree.ImmutableNode;
import org.apache.james.server.core.configuration.ConfigurationProvider;

import io.extremail.server.conf.ConfigurationKeys;
import io.extremail.server.conf.PropertiesValues;

/**
 * {@code <delayNoticeAfter>} of RemoteDelivery in mailetcontainer.xml (ours; RemoteDelivery ignores it): after that
 * many failed attempts the sender gets one delay DSN; 0 sends none. [3]
 */
public final class DelayNoticeSetting {
    public static final int DEFAULT = 3;
    static final String ELEMENT = "delayNoticeAfter";

    private DelayNoticeSetting() {
    }

    public static int read(ConfigurationProvider configuration) throws ConfigurationException {
        HierarchicalConfiguration<ImmutableNode> mailets = configuration.getConfiguration("mailetcontainer");
        return ConfigurationKeys.remoteDeliveries(mailets).stream().findFirst()
            .map(key -> parse(mailets.getString(key + ELEMENT, null)))
            .orElse(DEFAULT);
    }

    static int parse(String value) {
        return PropertiesValues.wholeNumber("conf/mailetcontainer.xml: RemoteDelivery <" + ELEMENT + ">", value, DEFAULT, 0, 1000);
    }
}
