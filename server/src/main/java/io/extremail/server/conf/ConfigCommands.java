package io.extremail.server.conf;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.tree.ImmutableNode;
import org.apache.james.mailbox.quota.MaxQuotaManager;
import org.apache.james.server.core.configuration.ConfigurationProvider;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import io.extremail.server.console.CommandGroup;
import io.extremail.server.console.ConsoleCommand;
import io.extremail.server.console.ConsoleSettings;
import io.extremail.server.console.Reply;

/** CONFIG SHOW: every eXtremail.conf parameter with the value in force and where it comes from. */
public class ConfigCommands implements CommandGroup {
    private final ExtremailConf conf;
    private final ConfigurationProvider configuration;
    private final ConsoleSettings console;
    private final MaxQuotaManager quotas;

    @Inject
    public ConfigCommands(ExtremailConf conf, ConfigurationProvider configuration, ConsoleSettings console, MaxQuotaManager quotas) {
        this.conf = conf;
        this.configuration = configuration;
        this.console = console;
        this.quotas = quotas;
    }

    @Override
    public List<ConsoleCommand> commands() {
        return List.of(ConsoleCommand.of("CONFIG SHOW",
            "Shows each eXtremail.conf parameter: the value in force, and whether eXtremail.conf (with its line) or James's files set it.",
            parameters -> show()));
    }

    private Reply show() throws Exception {
        List<String> lines = new ArrayList<>();
        for (ExtremailParameter parameter : ExtremailParameter.values()) {
            String source = conf.setting(parameter).map(setting -> ExtremailConf.FILE + ":" + setting.line()).orElse("default");
            lines.add(parameter.name() + " = " + effective(parameter) + "  (" + source + ")");
        }
        return Reply.ok(lines.size() + " parameter(s); " + ExtremailConf.FILE + " applied over the XML files", lines);
    }

    private String effective(ExtremailParameter parameter) throws Exception {
        return switch (parameter) {
            case ThreadsSMTP -> listener("smtpserver", "smtpserver", ExtremailConfigurationProvider.MX, "ioWorkerCount").orElse("James default (2 x cores)");
            case ThreadsQueue -> remoteDelivery("deliveryThreads").orElse("1");
            case LocalIP -> listener("smtpserver", "smtpserver", ExtremailConfigurationProvider.MX, "authorizedAddresses").orElse("none");
            case PortSMTP -> port(listener("smtpserver", "smtpserver", ExtremailConfigurationProvider.MX, "bind"));
            case PortPOP3 -> port(listener("pop3server", "pop3server", "pop3server", "bind"));
            case PortIMAP -> port(listener("imapserver", "imapserver", "imapserver", "bind"));
            case PortAdmin -> String.valueOf(console.port());
            case MaxMailSizeIn -> listener("smtpserver", "smtpserver", ExtremailConfigurationProvider.MX, "maxmessagesize").map(kb -> kb + "K").orElse("unlimited");
            case MaxMailSizeOut -> listener("smtpserver", "smtpserver", ExtremailConfigurationProvider.SUBMISSION.get(0), "maxmessagesize").map(kb -> kb + "K").orElse("unlimited");
            case DefaultQuota -> quotas.getGlobalMaxStorage().map(limit -> limit.isUnlimited() ? "UNLIMITED" : String.valueOf(limit.asLong())).orElse("none");
            case QueueRetryMinutes -> remoteDelivery("delayTime").orElse("James default");
            case QueueMaxRetries -> remoteDelivery("maxRetries").orElse("James default");
            case DNSServers -> dnsServers();
            case LogLevel -> String.valueOf(((Logger) LoggerFactory.getLogger("io.extremail")).getEffectiveLevel());
        };
    }

    private Optional<String> listener(String component, String element, String jmxName, String key) throws Exception {
        HierarchicalConfiguration<ImmutableNode> listeners = configuration.getConfiguration(component);
        return ConfigurationKeys.listener(listeners, element, jmxName).map(prefix -> listeners.getString(prefix + key, null));
    }

    private Optional<String> remoteDelivery(String key) throws Exception {
        HierarchicalConfiguration<ImmutableNode> mailets = configuration.getConfiguration("mailetcontainer");
        return ConfigurationKeys.remoteDeliveries(mailets).stream().findFirst().map(prefix -> mailets.getString(prefix + key, null));
    }

    private String dnsServers() throws Exception {
        HierarchicalConfiguration<ImmutableNode> dns = configuration.getConfiguration("dnsservice");
        List<Object> servers = dns.getList("servers.server");
        String listed = servers.isEmpty() ? "" : String.join(", ", servers.stream().map(String::valueOf).toList());
        return dns.getBoolean("autodiscover", true) ? "autodiscover (/etc/resolv.conf)" + (listed.isEmpty() ? "" : " + " + listed) : listed;
    }

    private static String port(Optional<String> bind) {
        return bind.map(value -> value.substring(value.lastIndexOf(':') + 1)).orElse("not listening");
    }
}
