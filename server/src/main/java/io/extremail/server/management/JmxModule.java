package io.extremail.server.management;

import java.io.FileNotFoundException;

import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.adapter.mailbox.MailboxManagerManagement;
import org.apache.james.adapter.mailbox.MailboxManagerManagementMBean;
import org.apache.james.adapter.mailbox.QuotaManagement;
import org.apache.james.adapter.mailbox.QuotaManagementMBean;
import org.apache.james.domainlist.api.DomainListManagementMBean;
import org.apache.james.domainlist.lib.DomainListManagement;
import org.apache.james.mailetcontainer.api.jmx.MailSpoolerMBean;
import org.apache.james.mailetcontainer.impl.JamesMailSpooler;
import org.apache.james.modules.server.JMXServer;
import org.apache.james.modules.server.JmxConfiguration;
import org.apache.james.rrt.api.RecipientRewriteTableManagementMBean;
import org.apache.james.rrt.lib.RecipientRewriteTableManagement;
import org.apache.james.user.api.UsersRepositoryManagementMBean;
import org.apache.james.user.lib.UsersRepositoryManagement;
import org.apache.james.utils.InitializationOperation;
import org.apache.james.utils.InitilizationOperationBuilder;
import org.apache.james.utils.PropertiesProvider;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.Singleton;
import com.google.inject.multibindings.ProvidesIntoSet;

/**
 * JMX with the MBeans that make sense here: domains, users, aliases, mailboxes, quotas and the spooler.
 * (James's own JMX module also registers re-indexing and Sieve beans, which need a listening search index.)
 * Listens on {@code jmx.address}:{@code jmx.port} of {@code conf/jmx.properties}.
 */
public class JmxModule extends AbstractModule {
    private static final String DOMAINS = "org.apache.james:type=component,name=domainlist";
    private static final String USERS = "org.apache.james:type=component,name=usersrepository";
    private static final String RECIPIENT_REWRITE_TABLE = "org.apache.james:type=component,name=recipientrewritetable";
    private static final String MAILBOXES = "org.apache.james:type=component,name=mailboxmanagerbean";
    private static final String QUOTAS = "org.apache.james:type=component,name=quotamanagerbean";

    @Override
    protected void configure() {
        bind(JMXServer.class).in(Scopes.SINGLETON);
        bind(DomainListManagement.class).in(Scopes.SINGLETON);
        bind(UsersRepositoryManagement.class).in(Scopes.SINGLETON);
        bind(RecipientRewriteTableManagement.class).in(Scopes.SINGLETON);
        bind(MailboxManagerManagement.class).in(Scopes.SINGLETON);
        bind(QuotaManagement.class).in(Scopes.SINGLETON);

        bind(DomainListManagementMBean.class).to(DomainListManagement.class);
        bind(UsersRepositoryManagementMBean.class).to(UsersRepositoryManagement.class);
        bind(RecipientRewriteTableManagementMBean.class).to(RecipientRewriteTableManagement.class);
        bind(MailboxManagerManagementMBean.class).to(MailboxManagerManagement.class);
        bind(QuotaManagementMBean.class).to(QuotaManagement.class);
        bind(MailSpoolerMBean.class).to(JamesMailSpooler.class);
    }

    @Provides
    @Singleton
    JmxConfiguration configuration(PropertiesProvider properties) throws ConfigurationException {
        try {
            return JmxConfiguration.fromProperties(properties.getConfiguration("jmx"));
        } catch (FileNotFoundException e) {
            return JmxConfiguration.DEFAULT_CONFIGURATION;
        }
    }

    @ProvidesIntoSet
    InitializationOperation start(JMXServer server, DomainListManagementMBean domains, UsersRepositoryManagementMBean users,
                                  RecipientRewriteTableManagementMBean recipientRewriteTable,
                                  MailboxManagerManagementMBean mailboxes, QuotaManagementMBean quotas) {
        return InitilizationOperationBuilder
            .forClass(JMXServer.class)
            .init(() -> {
                server.start();
                server.register(DOMAINS, domains);
                server.register(USERS, users);
                server.register(RECIPIENT_REWRITE_TABLE, recipientRewriteTable);
                server.register(MAILBOXES, mailboxes);
                server.register(QUOTAS, quotas);
            });
    }
}
