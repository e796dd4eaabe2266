package io.extremail.server.conf;

import javax.inject.Inject;

import org.apache.james.core.quota.QuotaSizeLimit;
import org.apache.james.lifecycle.api.Startable;
import org.apache.james.mailbox.quota.MaxQuotaManager;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;

/** The eXtremail.conf parameters applied at start rather than through the XML files: DefaultQuota, LogLevel. */
public class ExtremailConfStartup implements Startable {
    static final String[] LOGGERS = {"io.extremail", "org.apache.james"};

    private final ExtremailConf conf;
    private final MaxQuotaManager quotas;

    @Inject
    public ExtremailConfStartup(ExtremailConf conf, MaxQuotaManager quotas) {
        this.conf = conf;
        this.quotas = quotas;
    }

    public void start() throws Exception {
        if (conf.value(ExtremailParameter.DefaultQuota).isPresent()) {
            String quota = conf.value(ExtremailParameter.DefaultQuota).get();
            quotas.setGlobalMaxStorage(quota.equals("UNLIMITED") ? QuotaSizeLimit.unlimited() : QuotaSizeLimit.size(Long.parseLong(quota)));
        }
        conf.value(ExtremailParameter.LogLevel).ifPresent(level -> {
            for (String name : LOGGERS) {
                ((Logger) LoggerFactory.getLogger(name)).setLevel(Level.toLevel(level));
            }
        });
    }
}
