package io.extremail.server;

import org.apache.james.imap.processor.LogoutProcessor;
import org.apache.james.modules.MailboxModule;
import org.apache.james.modules.MailetProcessingModule;
import org.apache.james.modules.protocols.IMAPServerModule;
import org.apache.james.modules.protocols.POP3ServerModule;
import org.apache.james.modules.protocols.ProtocolHandlerModule;
import org.apache.james.modules.protocols.SMTPServerModule;
import org.apache.james.modules.server.DataRoutesModules;
import org.apache.james.modules.server.InconsistencyQuotasSolvingRoutesModule;
import org.apache.james.modules.server.MailQueueRoutesModule;
import org.apache.james.modules.server.MailRepositoriesRoutesModule;
import org.apache.james.modules.server.MailboxRoutesModule;
import org.apache.james.modules.server.MailetContainerModule;
import org.apache.james.modules.server.NoJwtModule;
import org.apache.james.modules.server.TaskManagerModule;
import org.apache.james.modules.server.VacationRoutesModule;
import org.apache.james.modules.server.WebAdminServerModule;
import org.apache.james.pop3server.mailbox.MailboxAdapterFactory;
import org.apache.james.webadmin.Routes;

import com.google.inject.Module;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.util.Modules;

import io.extremail.server.autoresponder.AutoresponderModule;
import io.extremail.server.cassandra.CassandraBlobStoreModule;
import io.extremail.server.cassandra.CassandraDataModule;
import io.extremail.server.cassandra.CassandraMailboxModule;
import io.extremail.server.cassandra.CassandraSessionModule;
import io.extremail.server.cassandra.PersistentMailQueueModule;
import io.extremail.server.cassandra.VacationStoreModule;
import io.extremail.server.conf.ExtremailConfModule;
import io.extremail.server.console.ConsoleModule;
import io.extremail.server.dns.DnsCacheModule;
import io.extremail.server.imap.AnswerFirstLogoutProcessor;
import io.extremail.server.copy.MailCopyModule;
import io.extremail.server.deny.DenyListModule;
import io.extremail.server.dkim.DkimModule;
import io.extremail.server.limits.SizeLimitModule;
import io.extremail.server.lists.MailingListModule;
import io.extremail.server.management.JmxModule;
import io.extremail.server.pop3.ListingCachingMailboxAdapterFactory;
import io.extremail.server.security.LoginThrottleModule;
import io.extremail.server.webadmin.PasswordLengthLimit;
import io.extremail.server.mapping.AccountMappingModule;

/** The server, as a list of Guice modules: one per concern, bindings only. */
public final class ExtremailModules {

    /** Everything durable, in Cassandra (the mail queue apart: it is on local disk, see {@link PersistentMailQueueModule}). */
    public static final Module STORAGE = Modules.combine(
        new CassandraSessionModule(),
        new CassandraBlobStoreModule(),
        new CassandraMailboxModule(),
        new CassandraDataModule(),
        new VacationStoreModule(),
        new PersistentMailQueueModule());

    public static final Module PROTOCOLS = Modules.combine(
        new ProtocolHandlerModule(),
        new SMTPServerModule(),
        new IMAPServerModule(),
        // James loads its IMAP processors through Guice: LOGOUT answers before its state can close the connection.
        binder -> binder.bind(LogoutProcessor.class).to(AnswerFirstLogoutProcessor.class),
        // A POP3 login lists the INBOX: a big one's list is kept in memory while it is unchanged.
        Modules.override(new POP3ServerModule()).with(binder ->
            binder.bind(MailboxAdapterFactory.class).to(ListingCachingMailboxAdapterFactory.class)));

    public static final Module MAIL_PROCESSING = Modules.combine(
        new MailboxModule(),
        new MailetProcessingModule(),
        new TaskManagerModule(),
        // James falls back to a built-in pipeline when mailetcontainer.xml has none: we never want a silent default.
        binder -> binder.bind(MailetContainerModule.DefaultProcessorsConfigurationSupplier.class).toInstance(() -> {
            throw new InvalidConfigurationException("conf/mailetcontainer.xml: no <processors> defined");
        }));

    public static final Module MANAGEMENT = Modules.combine(
        new WebAdminServerModule(),
        new DataRoutesModules(),
        new MailboxRoutesModule(),
        // POST /quota/users?task=RecomputeCurrentQuotas: a usage update lost in a Cassandra outage is recounted.
        new InconsistencyQuotasSolvingRoutesModule(),
        new MailQueueRoutesModule(),
        new MailRepositoriesRoutesModule(),
        new VacationRoutesModule(),
        // WebAdmin JWT without its own public key would fall back to JMAP's, which we do not run.
        new NoJwtModule(),
        binder -> Multibinder.newSetBinder(binder, Routes.class).addBinding().to(PasswordLengthLimit.class),
        new JmxModule(),
        new ExtremailConfModule(),
        new DnsCacheModule(),
        new LoginThrottleModule(),
        new ConsoleModule());

    /** eXtremail's own features: their stores, the pieces named in the configuration files, their WebAdmin routes. */
    public static final Module FEATURES = Modules.combine(
        new DenyListModule(),
        new AccountMappingModule(),
        new SizeLimitModule(),
        new MailCopyModule(),
        new AutoresponderModule(),
        new MailingListModule(),
        new DkimModule());

    public static final Module ALL = Modules.combine(STORAGE, PROTOCOLS, MAIL_PROCESSING, MANAGEMENT, FEATURES);

    private ExtremailModules() {
    }
}
