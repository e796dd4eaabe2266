package io.extremail.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one-line messages an operator gets for a malformed conf/cassandra.properties. */
class LauncherSettingsTest {

    @TempDir
    Path conf;

    private static LauncherSettings parse(String text) throws Exception {
        Properties properties = new Properties();
        properties.load(new StringReader(text));
        return LauncherSettings.from(properties);
    }

    @Test
    void missingFileMeansAnEmbeddedNodeOnDefaultPorts() {
        LauncherSettings settings = LauncherSettings.load(conf.resolve("cassandra.properties"));

        assertThat(settings.embedded()).isTrue();
        assertThat(settings.nativePort()).isEqualTo(9042);
        assertThat(settings.storagePort()).isEqualTo(7000);
        assertThat(settings.heap()).isEqualTo("-Xms256m -Xmx1g");
    }

    @Test
    void readsEveryKeyTheLauncherUses() throws Exception {
        Path file = Files.writeString(conf.resolve("cassandra.properties"), String.join("\n",
                "# comments and unrelated keys are fine",
                "cassandra.keyspace=extremail",
                "cassandra.embedded = true",
                "cassandra.embedded.nativePort = 19042 ",
                "cassandra.embedded.storagePort=17000",
                "cassandra.embedded.heap=-Xms512m -Xmx2g"));

        LauncherSettings settings = LauncherSettings.load(file);

        assertThat(settings.nativePort()).isEqualTo(19042);
        assertThat(settings.storagePort()).isEqualTo(17000);
        assertThat(settings.heap()).isEqualTo("-Xms512m -Xmx2g");
    }

    @Test
    void externalClusterNeedsNodes() throws Exception {
        assertThat(parse("cassandra.embedded=false\ncassandra.nodes=10.0.0.1:9042,10.0.0.2:9042").nodes())
                .isEqualTo("10.0.0.1:9042,10.0.0.2:9042");
        assertThatThrownBy(() -> parse("cassandra.embedded=false"))
                .hasMessage("conf/cassandra.properties: cassandra.embedded is false but cassandra.nodes names no Cassandra node");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "cassandra.embedded.nativePort=abc   | conf/cassandra.properties: cassandra.embedded.nativePort: 'abc' is not a port (1-65535)",
        "cassandra.embedded.nativePort=70000 | conf/cassandra.properties: cassandra.embedded.nativePort: '70000' is not a port (1-65535)",
        "cassandra.embedded.nativePort=0     | conf/cassandra.properties: cassandra.embedded.nativePort: '0' is not a port (1-65535)",
        "cassandra.embedded.nativePort=      | conf/cassandra.properties: cassandra.embedded.nativePort: '' is not a port (1-65535)",
        "cassandra.embedded.storagePort=-1   | conf/cassandra.properties: cassandra.embedded.storagePort: '-1' is not a port (1-65535)",
        "cassandra.embedded.storagePort=9042 | conf/cassandra.properties: cassandra.embedded.storagePort: 9042 is already cassandra.embedded.nativePort",
        "cassandra.embedded=yes              | conf/cassandra.properties: cassandra.embedded: 'yes' is not true or false",
        "cassandra.embedded.heap=1g          | conf/cassandra.properties: cassandra.embedded.heap: '1g' is not a list of -X options (e.g. -Xms256m -Xmx1g)",
    })
    void malformedValueIsOneClearLine(String line, String message) {
        assertThatThrownBy(() -> parse(line))
                .isInstanceOf(LauncherException.class)
                .hasMessage(message)
                .satisfies(e -> assertThat(((LauncherException) e).exitCode()).isEqualTo(1));
    }
}
