package io.extremail.matchers;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.james.dnsservice.api.DNSService;

import com.google.common.net.InetAddresses;

/** MX records for unit tests: each domain has one mail server of the same name with one address. */
class FakeDnsService implements DNSService {
    private final Map<String, InetAddress> servers = new HashMap<>();

    FakeDnsService mailServer(String domain, String address) {
        servers.put(domain, InetAddresses.forString(address));
        return this;
    }

    @Override
    public Collection<String> findMXRecords(String hostname) {
        return servers.containsKey(hostname) ? List.of(hostname) : List.of();
    }

    @Override
    public Collection<String> findTXTRecords(String hostname) {
        return List.of();
    }

    @Override
    public Collection<InetAddress> getAllByName(String host) throws UnknownHostException {
        return List.of(getByName(host));
    }

    @Override
    public InetAddress getByName(String host) throws UnknownHostException {
        InetAddress address = servers.get(host);
        if (address == null) {
            throw new UnknownHostException(host);
        }
        return address;
    }

    @Override
    public InetAddress getLocalHost() {
        return InetAddress.getLoopbackAddress();
    }

    @Override
    public String getHostName(InetAddress address) {
        return address.getHostAddress();
    }
}
