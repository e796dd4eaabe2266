package io.extremail.server.cassandra;

import java.time.Duration;

import javax.inject.Inject;
import javax.inject.Singleton;

import org.apache.james.core.Domain;
import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.domainlist.api.DomainListException;
import org.apache.james.domainlist.cassandra.CassandraDomainList;

import com.datastax.oss.driver.api.core.CqlSession;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;

/**
 * James's local domains in Cassandra, with "this domain is local" kept in memory for {@link #TIME_TO_LIVE}: every
 * message asks it several times (SMTP RCPT, routing, delivery). Only positive answers are kept (James's own cache,
 * domainlist.xml {@code read.cache}, also keeps "not local", so a domain checked just before being added stays
 * unknown until it expires): a domain added anywhere is seen at once. A domain removed through this server is
 * forgotten at once; through another server of the cluster, within {@link #TIME_TO_LIVE}.
 */
@Singleton
public class CachedDomainList extends CassandraDomainList {
    static final Duration TIME_TO_LIVE = Duration.ofSeconds(10);

    private final Cache<Domain, Boolean> local = CacheBuilder.newBuilder()
        .expireAfterWrite(TIME_TO_LIVE)
        .maximumSize(100_000)
        .build();

    @Inject
    public CachedDomainList(DNSService dnsService, CqlSession session) {
        super(dnsService, session);
    }

    @Override
    public boolean containsDomain(Domain domain) throws DomainListException {
        if (local.getIfPresent(domain) != null) {
            return true;
        }
        boolean isLocal = super.containsDomain(domain);
        if (isLocal) {
            local.put(domain, true);
        }
        return isLocal;
    }

    @Override
    public void removeDomain(Domain domain) throws DomainListException {
        local.invalidate(domain);
        super.removeDomain(domain);
        local.invalidate(domain);
    }
}
