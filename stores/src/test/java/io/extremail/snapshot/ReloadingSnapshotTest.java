package io.extremail.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

class ReloadingSnapshotTest {
    private static final Duration PERIOD = Duration.ofMillis(50);

    private final AtomicInteger loads = new AtomicInteger();
    private final AtomicLong version = new AtomicLong();
    private final AtomicReference<String> data = new AtomicReference<>("first");

    @Test
    void anUnchangedVersionIsNotLoadedAgain() throws Exception {
        try (ReloadingSnapshot<String> snapshot = new ReloadingSnapshot<>("test", this::load, version::get, PERIOD)) {
            Thread.sleep(10 * PERIOD.toMillis());

            assertThat(loads).hasValue(1);
            assertThat(snapshot.get()).isEqualTo("first");
        }
    }

    @Test
    void aNewVersionIsLoadedWithinAPeriod() throws Exception {
        try (ReloadingSnapshot<String> snapshot = new ReloadingSnapshot<>("test", this::load, version::get, PERIOD)) {
            data.set("second");
            version.incrementAndGet();
            Thread.sleep(5 * PERIOD.toMillis());

            assertThat(snapshot.get()).isEqualTo("second");
            assertThat(loads).hasValue(2);
        }
    }

    @Test
    void withoutAVersionEveryPeriodLoadsAgain() throws Exception {
        try (ReloadingSnapshot<String> snapshot = new ReloadingSnapshot<>("test", this::load, Object::new, PERIOD)) {
            Thread.sleep(10 * PERIOD.toMillis());

            assertThat(loads.get()).isGreaterThan(3);
        }
    }

    @Test
    void aFailedLoadKeepsTheValueLoadedBefore() throws Exception {
        try (ReloadingSnapshot<String> snapshot = new ReloadingSnapshot<>("test", this::load, version::get, PERIOD)) {
            data.set(null);
            version.incrementAndGet();
            Thread.sleep(5 * PERIOD.toMillis());

            assertThat(snapshot.get()).isEqualTo("first");
        }
    }

    private String load() {
        loads.incrementAndGet();
        String value = data.get();
        if (value == null) {
            throw new IllegalStateException("Cassandra is away");
        }
        return value;
    }
}
