package io.extremail.server;

import java.net.BindException;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.configuration2.ex.ConfigurationException;

import io.extremail.cassandra.InvalidCassandraSettingException;

/** Turns the exception chain of a failed start (Guice wraps everything) into the one line an operator needs. */
record StartupFailure(String message) {

    static StartupFailure explain(Throwable failure) {
        List<Throwable> chain = causes(failure);
        for (Throwable cause : chain) {
            if (cause instanceof InvalidConfigurationException || cause instanceof InvalidCassandraSettingException) {
                return new StartupFailure(cause.getMessage());
            }
        }
        for (Throwable cause : chain) {
            if (cause instanceof BindException) {
                return new StartupFailure("cannot listen on a configured port (" + cause.getMessage()
                    + "): another process uses it, or the address is not local; check <bind> in conf/*server.xml");
            }
            if (cause instanceof ConfigurationException) {
                return new StartupFailure("invalid configuration in conf/: " + cause.getMessage());
            }
        }
        Throwable root = chain.get(chain.size() - 1);
        return new StartupFailure(root.getClass().getSimpleName() + ": " + root.getMessage());
    }

    private static List<Throwable> causes(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable cause = failure; cause != null && !chain.contains(cause); cause = cause.getCause()) {
            chain.add(cause);
        }
        return chain;
    }
}
