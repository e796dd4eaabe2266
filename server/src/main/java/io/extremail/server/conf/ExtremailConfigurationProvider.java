package io.extremail.server.conf;

import java.util.List;

import javax.inject.Inject;

import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.tree.ImmutableNode;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.server.core.configuration.Configuration;
import org.apache.james.server.core.configuration.ConfigurationProvider;
import org.apache.james.server.core.configuration.FileConfigurationProvider;
import org.apache.james.util.LoggingLevel;

/**
 * James's configuration files with eXtremail.conf applied over them: every component reads its XML through this
 * provider (bound over James's own in ExtremailServer), so a parameter of eXtremail.conf wins over the same setting
 * in the XML file.
 */
public class ExtremailConfigurationProvider implements ConfigurationProvider {
    static final String MX = "smtpserver-mx";
    static final List<String> SUBMISSION = List.of("smtpserver-submission", "smtpserver-smtps");

    private final ConfigurationProvider files;
    private final ExtremailConf conf;

    @Inject
    public ExtremailConfigurationProvider(FileSystem fileSystem, Configuration configuration, ExtremailConf conf) {
        this(new FileConfigurationProvider(fileSystem, configuration), conf);
    }

    ExtremailConfigurationProvider(ConfigurationProvider files, ExtremailConf conf) {
        this.files = files;
        this.conf = conf;
    }

    @Override
    public HierarchicalConfiguration<ImmutableNode> getConfiguration(String component, LoggingLevel loggingLevel) throws ConfigurationException {
        HierarchicalConfiguration<ImmutableNode> configuration = files.getConfiguration(component, loggingLevel);
        apply(component, configuration);
        return configuration;
    }

    void apply(String component, HierarchicalConfiguration<ImmutableNode> configuration) {
        switch (component) {
            case "smtpserver" -> smtp(configuration);
            case "imapserver" -> ConfigurationKeys.listener(configuration, "imapserver", "imapserver").ifPresent(key -> port(configuration, key, ExtremailParameter.PortIMAP));
            case "pop3server" -> ConfigurationKeys.listener(configuration, "pop3server", "pop3server").ifPresent(key -> port(configuration, key, ExtremailParameter.PortPOP3));
            case "mailetcontainer" -> remoteDelivery(configuration);
            case "dnsservice" -> dns(configuration);
            default -> {
            }
        }
    }

    // Indexed keys on the root (ConfigurationKeys): sub-configurations get detached when a property is added.
    private void smtp(HierarchicalConfiguration<ImmutableNode> configuration) {
        int listeners = configuration.configurationsAt("smtpserver").size();
        for (int index = 0; index < listeners; index++) {
            String key = "smtpserver(" + index + ").";
            String name = configuration.getString(key + "jmxName", "");
            conf.value(ExtremailParameter.ThreadsSMTP).ifPresent(threads -> configuration.setProperty(key + "ioWorkerCount", threads));
            conf.value(ExtremailParameter.LocalIP).ifPresent(networks ->
                configuration.setProperty(key + "authorizedAddresses", "127.0.0.0/8, " + networks));
            if (name.equals(MX)) {
                port(configuration, key, ExtremailParameter.PortSMTP);
                conf.value(ExtremailParameter.MaxMailSizeIn).ifPresent(size -> configuration.setProperty(key + "maxmessagesize", size));
            }
            if (SUBMISSION.contains(name)) {
                conf.value(ExtremailParameter.MaxMailSizeOut).ifPresent(size -> configuration.setProperty(key + "maxmessagesize", size));
            }
        }
    }

    /** Keeps the listener's address, changes its port. */
    private void port(HierarchicalConfiguration<ImmutableNode> configuration, String key, ExtremailParameter parameter) {
        conf.value(parameter).ifPresent(port -> {
            String bind = configuration.getString(key + "bind", "0.0.0.0:0");
            String host = bind.contains(":") ? bind.substring(0, bind.lastIndexOf(':')) : "0.0.0.0";
            configuration.setProperty(key + "bind", host + ":" + port);
        });
    }

    private void remoteDelivery(HierarchicalConfiguration<ImmutableNode> configuration) {
        for (String key : ConfigurationKeys.remoteDeliveries(configuration)) {
            conf.value(ExtremailParameter.ThreadsQueue).ifPresent(threads -> configuration.setProperty(key + "deliveryThreads", threads));
            conf.value(ExtremailParameter.QueueRetryMinutes).ifPresent(minutes -> configuration.setProperty(key + "delayTime", minutes + " minutes"));
            conf.value(ExtremailParameter.QueueMaxRetries).ifPresent(retries -> configuration.setProperty(key + "maxRetries", retries));
        }
    }

    private void dns(HierarchicalConfiguration<ImmutableNode> configuration) {
        conf.value(ExtremailParameter.DNSServers).ifPresent(servers -> {
            configuration.setProperty("autodiscover", "false");
            configuration.clearTree("servers");
            for (String server : servers.split(",\\s*")) {
                configuration.addProperty("servers.server", server);
            }
        });
    }
}
