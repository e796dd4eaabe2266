package io.extremail.server.dns;

import org.apache.james.webadmin.Routes;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;

/**
 * The DNS cache routes under {@code /dns/cache}. {@link ExtremailDnsService} itself replaces James's DNS service in
 * ExtremailServer's overrides.
 */
public class DnsCacheModule extends AbstractModule {
    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), Routes.class).addBinding().to(DnsCacheRoutes.class);
    }
}
