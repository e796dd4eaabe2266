package io.extremail.server.conf;

import java.nio.file.Path;

import org.apache.james.server.core.configuration.Configuration;
import org.apache.james.utils.InitializationOperation;
import org.apache.james.utils.InitilizationOperationBuilder;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.ProvidesIntoSet;

/**
 * eXtremail.conf: the parsed file, and what it sets at start (DefaultQuota, LogLevel). What it sets in the XML files
 * goes through {@link ExtremailConfigurationProvider}, which ExtremailServer binds over James's provider.
 */
public class ExtremailConfModule extends AbstractModule {
    @Provides
    @Singleton
    ExtremailConf conf(Configuration configuration) {
        return ExtremailConf.load(Path.of(configuration.directories().getRootDirectory()));
    }

    @ProvidesIntoSet
    InitializationOperation applyAtStart(ExtremailConfStartup startup) {
        return InitilizationOperationBuilder.forClass(ExtremailConfStartup.class).init(startup::start);
    }
}
