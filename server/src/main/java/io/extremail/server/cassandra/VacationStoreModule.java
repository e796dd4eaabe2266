package io.extremail.server.cassandra;

import org.apache.james.DefaultVacationService;
import org.apache.james.backends.cassandra.components.CassandraModule;
import org.apache.james.util.date.DefaultZonedDateTimeProvider;
import org.apache.james.util.date.ZonedDateTimeProvider;
import org.apache.james.util.html.HtmlTextExtractor;
import org.apache.james.vacation.api.NotificationRegistry;
import org.apache.james.vacation.api.VacationRepository;
import org.apache.james.vacation.api.VacationService;
import org.apache.james.vacation.cassandra.CassandraNotificationRegistry;
import org.apache.james.vacation.cassandra.CassandraNotificationRegistryModule;
import org.apache.james.vacation.cassandra.CassandraVacationModule;
import org.apache.james.vacation.cassandra.CassandraVacationRepository;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;
import com.google.inject.multibindings.Multibinder;

import io.extremail.server.vacation.CachedVacationRepository;
import io.extremail.server.vacation.JsoupHtmlTextExtractor;

/**
 * James's vacation (out-of-office) store in Cassandra: the vacation of each user, managed by WebAdmin's
 * {@code /vacation/{user}} routes (through James's {@link VacationService}, which also needs its notification
 * registry), and answered by our {@code io.extremail.mailets.Autoresponder} of {@code mailetcontainer.xml}, which
 * needs an HTML to text conversion for HTML-only vacation bodies and the current time.
 */
public class VacationStoreModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(CassandraVacationRepository.class).in(Scopes.SINGLETON);
        bind(CachedVacationRepository.class).in(Scopes.SINGLETON);
        bind(VacationRepository.class).to(CachedVacationRepository.class);
        bind(CassandraNotificationRegistry.class).in(Scopes.SINGLETON);
        bind(NotificationRegistry.class).to(CassandraNotificationRegistry.class);
        bind(DefaultVacationService.class).in(Scopes.SINGLETON);
        bind(VacationService.class).to(DefaultVacationService.class);
        bind(HtmlTextExtractor.class).to(JsoupHtmlTextExtractor.class);
        bind(ZonedDateTimeProvider.class).to(DefaultZonedDateTimeProvider.class);

        Multibinder<CassandraModule> tables = Multibinder.newSetBinder(binder(), CassandraModule.class);
        tables.addBinding().toInstance(CassandraVacationModule.MODULE);
        tables.addBinding().toInstance(CassandraNotificationRegistryModule.MODULE);
    }
}
