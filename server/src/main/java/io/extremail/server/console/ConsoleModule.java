package io.extremail.server.console;

import java.io.FileNotFoundException;
import java.nio.file.Path;

import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.server.core.configuration.Configuration;
import org.apache.james.utils.InitializationOperation;
import org.apache.james.utils.InitilizationOperationBuilder;
import org.apache.james.utils.PropertiesProvider;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.ProvidesIntoSet;

import io.extremail.server.conf.ConfigCommands;
import io.extremail.server.conf.ExtremailConf;
import io.extremail.server.conf.ExtremailParameter;
import io.extremail.server.dns.DnsCacheCommands;

/** The operator console ({@link ConsoleServer}) and its verbs, one {@link CommandGroup} per kind of thing. */
public class ConsoleModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(Commands.class).in(Scopes.SINGLETON);
        bind(ConsoleServer.class).in(Scopes.SINGLETON);
        Multibinder<CommandGroup> groups = Multibinder.newSetBinder(binder(), CommandGroup.class);
        groups.addBinding().to(UserCommands.class);
        groups.addBinding().to(DomainCommands.class);
        groups.addBinding().to(AliasCommands.class);
        groups.addBinding().to(ForwardCommands.class);
        groups.addBinding().to(CopyCommands.class);
        groups.addBinding().to(AutoresponderCommands.class);
        groups.addBinding().to(MappingCommands.class);
        groups.addBinding().to(DenyCommands.class);
        groups.addBinding().to(ListCommands.class);
        groups.addBinding().to(QueueCommands.class);
        groups.addBinding().to(ConfigCommands.class);
        groups.addBinding().to(DnsCacheCommands.class);
        groups.addBinding().to(PasswordCommands.class);
    }

    @Provides
    @Singleton
    ConsoleSettings settings(PropertiesProvider properties, Configuration configuration, ExtremailConf conf) throws ConfigurationException {
        Path home = home(configuration);
        ConsoleSettings settings;
        try {
            settings = ConsoleSettings.from(properties.getConfiguration("console"), home);
        } catch (FileNotFoundException e) {
            settings = ConsoleSettings.defaults(home);
        }
        // eXtremail.conf's PortAdmin wins over console.properties, as its other parameters win over the XML files.
        return conf.value(ExtremailParameter.PortAdmin).map(Integer::parseInt).map(settings::withPort).orElse(settings);
    }

    @Provides
    @Singleton
    ConsolePassword password(Configuration configuration) {
        return new ConsolePassword(home(configuration));
    }

    @ProvidesIntoSet
    InitializationOperation start(ConsoleServer server) {
        return InitilizationOperationBuilder.forClass(ConsoleServer.class).init(server::start);
    }

    static Path home(Configuration configuration) {
        return Path.of(configuration.directories().getRootDirectory()).toAbsolutePath().normalize();
    }
}
