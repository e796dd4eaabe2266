package io.extremail.server.dns;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.inject.Inject;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.tree.ImmutableNode;
import org.apache.james.dnsservice.dnsjava.DNSJavaService;
import org.apache.james.metrics.api.MetricFactory;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;

/**
 * James's dnsjava DNS service, which remote delivery and the SMTP server resolve through, with a cache an operator
 * can see and flush ({@link InspectableCache}: DNS CACHE SHOW / FLUSH, WebAdmin {@code /dns/cache}), and DNS servers
 * on another port than 53 ({@code <server>127.0.0.1:5353</server>} in dnsservice.xml).
 */
public class ExtremailDnsService extends DNSJavaService {
    // 192.0.2.53:5353, dns.example:5353 or [2001:db8::53]:5353; a bare IPv6 address has no port.
    private static final Pattern HOST_AND_PORT = Pattern.compile("(?:\\[([0-9a-fA-F:.]+)]|([^:\\[\\]]+)):(\\d{1,5})");

    private final List<InetSocketAddress> serversWithPort = new ArrayList<>();
    private InspectableCache inspectableCache;

    @Inject
    public ExtremailDnsService(MetricFactory metricFactory) {
        super(metricFactory);
    }

    @Override
    public void configure(HierarchicalConfiguration<ImmutableNode> configuration) throws ConfigurationException {
        BaseHierarchicalConfiguration copy = new BaseHierarchicalConfiguration(configuration);
        List<String> hosts = new ArrayList<>();
        for (String server : configuration.getStringArray("servers.server")) {
            Matcher matcher = HOST_AND_PORT.matcher(server.strip());
            if (matcher.matches()) {
                String host = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
                int port = Integer.parseInt(matcher.group(3));
                if (port < 1 || port > 65535) {
                    throw new ConfigurationException("dnsservice.xml: <server> '" + server + "': port must be 1-65535");
                }
                serversWithPort.add(InetSocketAddress.createUnresolved(host, port));
                hosts.add(host);
            } else {
                hosts.add(server.strip());
            }
        }
        copy.clearTree("servers");
        hosts.forEach(host -> copy.addProperty("servers.server", host));
        super.configure(copy);
    }

    @Override
    public void init() throws Exception {
        super.init();
        boolean dnsjavaDefaults = Lookup.getDefaultCache(DClass.IN) == cache;
        if (!serversWithPort.isEmpty()) {
            List<Resolver> resolvers = new ArrayList<>();
            for (String server : getDNSServers()) {
                SimpleResolver simple = new SimpleResolver(server);
                serversWithPort.stream().filter(address -> address.getHostString().equals(server)).findFirst()
                    .ifPresent(address -> simple.setPort(address.getPort()));
                resolvers.add(simple);
            }
            resolver = new ExtendedResolver(resolvers);
            if (dnsjavaDefaults) {
                Lookup.setDefaultResolver(resolver);
            }
        }
        inspectableCache = new InspectableCache(getMaximumCacheSize(), Clock.systemUTC());
        inspectableCache.setMaxNCache(cache.getMaxNCache());
        cache = inspectableCache;
        if (dnsjavaDefaults) {
            Lookup.setDefaultCache(cache, DClass.IN);
        }
    }

    public List<InspectableCache.Entry> cacheEntries(Optional<String> domain) {
        return inspectableCache.entries(domain);
    }

    public int flushCache(Optional<String> domain) {
        return inspectableCache.flush(domain);
    }
}
