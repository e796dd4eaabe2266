package io.extremail.server;

import org.apache.james.dnsservice.dnsjava.DNSJavaService;
import org.apache.james.server.core.configuration.ConfigurationProvider;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;

import io.extremail.server.conf.ExtremailConfigurationProvider;
import io.extremail.server.dns.ExtremailDnsService;

/** What we put in place of James's own bindings (installed with {@code overrideWith}). */
public class ExtremailOverrides extends AbstractModule {
    @Override
    protected void configure() {
        // eXtremail.conf over the XML files: every component reads its configuration through this provider.
        bind(ConfigurationProvider.class).to(ExtremailConfigurationProvider.class);
        // The DNS service with a cache an operator can list and flush; James configures and starts it as its own.
        bind(ExtremailDnsService.class).in(Scopes.SINGLETON);
        bind(DNSJavaService.class).to(ExtremailDnsService.class);
    }
}
