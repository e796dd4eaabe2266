package io.extremail.server.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.apache.activemq.broker.BrokerService;
import org.apache.activemq.command.ActiveMQQueue;
import org.apache.james.server.core.configuration.ConfigurationProvider;
import org.apache.james.server.core.configuration.FileConfigurationProvider;
import org.junit.jupiter.api.Test;

import io.extremail.server.InvalidConfigurationException;

class QueueMemoryLimitTest {
    private static ConfigurationProvider mailetcontainer(String spooler) {
        String xml = "<mailetcontainer><spooler>" + spooler + "</spooler></mailetcontainer>";
        return (name, level) -> FileConfigurationProvider.getConfig(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsMebibytesWithADefault() throws Exception {
        assertThat(QueueMemoryLimit.read(mailetcontainer("<threads>4</threads>")).bytes()).isEqualTo(32L << 20);
        assertThat(QueueMemoryLimit.read(mailetcontainer("<queueMemory> 64 </queueMemory>")).bytes()).isEqualTo(64L << 20);
    }

    @Test
    void aBadValueNamesTheElementAndTheRange() {
        assertThatThrownBy(() -> QueueMemoryLimit.read(mailetcontainer("<queueMemory>4</queueMemory>")))
            .isInstanceOf(InvalidConfigurationException.class)
            .hasMessage("conf/mailetcontainer.xml: <spooler><queueMemory>: '4' must be a whole number from 8 to 4096");
        assertThatThrownBy(() -> QueueMemoryLimit.read(mailetcontainer("<queueMemory>32m</queueMemory>")))
            .hasMessage("conf/mailetcontainer.xml: <spooler><queueMemory>: '32m' must be a whole number from 8 to 4096");
    }

    @Test
    void theRunningBrokerAndItsQueuesCreatedAfterwardsGetTheLimit() throws Exception {
        BrokerService broker = new BrokerService();
        broker.setBrokerName(QueueMemoryLimit.BROKER_NAME);
        broker.setPersistent(false);
        broker.setUseJmx(false);
        broker.setUseShutdownHook(false);
        broker.start();
        try {
            new QueueMemoryLimit(16).applyToEmbeddedBroker();

            assertThat(broker.getSystemUsage().getMemoryUsage().getLimit()).isEqualTo(16L << 20);
            long queueLimit = broker.getDestination(new ActiveMQQueue("spool")).getMemoryUsage().getLimit();
            assertThat(queueLimit).isEqualTo(16L << 20);
        } finally {
            broker.stop();
            broker.waitUntilStopped();
        }
    }

    @Test
    void withoutTheBrokerItFailsClearly() {
        assertThatThrownBy(() -> new QueueMemoryLimit(16).applyToEmbeddedBroker())
            .isInstanceOf(IllegalStateException.class)
            .hasMessage("no embedded ActiveMQ broker named 'james' is running");
    }
}
