package io.extremail.server.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.extremail.server.InvalidConfigurationException;

class SpoolIntakePriorityTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final SpoolIntakePriority priority = new SpoolIntakePriority(2, Duration.ofSeconds(30), now::get);

    private void advance(Duration duration) {
        now.addAndGet(duration.toNanos());
    }

    @Test
    void withoutArrivingMailEveryThreadMayDeliver() {
        for (int i = 0; i < 10; i++) {
            assertThat(priority.mayStart()).isTrue();
            priority.awaitTurn();
        }
    }

    @Test
    void whileMailArrivesOnlyThreadsWhileReceivingDeliver() {
        priority.arrived();
        priority.awaitTurn();
        priority.awaitTurn();
        assertThat(priority.mayStart()).isFalse();
        priority.finished();
        assertThat(priority.mayStart()).isTrue();
    }

    @Test
    void aQuietQuarterSecondEndsTheLimit() {
        priority.arrived();
        priority.awaitTurn();
        priority.awaitTurn();
        advance(Duration.ofMillis(240));
        assertThat(priority.mayStart()).isFalse();
        advance(Duration.ofMillis(10));
        assertThat(priority.mayStart()).isTrue();
    }

    @Test
    void theLimitLastsAtMostReceivingPriorityUnderASteadyFlow() {
        priority.arrived();
        priority.awaitTurn();
        priority.awaitTurn();
        for (int i = 0; i < 149; i++) {
            advance(Duration.ofMillis(200));
            priority.arrived();
            assertThat(priority.mayStart()).isFalse();
        }
        advance(Duration.ofMillis(200));
        priority.arrived();
        assertThat(priority.mayStart()).as("30 s after the flow started").isTrue();
        // A new burst after a quiet quarter second gets the priority again.
        advance(Duration.ofSeconds(2));
        priority.arrived();
        assertThat(priority.mayStart()).isFalse();
    }

    @Test
    void zeroSecondsSwitchesItOff() {
        SpoolIntakePriority off = new SpoolIntakePriority(1, Duration.ZERO, now::get);
        off.arrived();
        off.awaitTurn();
        assertThat(off.mayStart()).isTrue();
    }

    @Test
    void aWaitingDeliveryStartsWhenAnotherFinishes() throws Exception {
        SpoolIntakePriority real = new SpoolIntakePriority(1, Duration.ofSeconds(30), System::nanoTime);
        real.arrived();
        real.awaitTurn();
        CompletableFuture<Void> waiting = CompletableFuture.runAsync(real::awaitTurn);
        Thread.sleep(200);
        real.arrived();
        assertThat(waiting).isNotDone();
        real.finished();
        waiting.get(5, TimeUnit.SECONDS);
    }

    @Test
    void badValuesNameTheElement() {
        assertThatThrownBy(() -> SpoolerSettings.wholeNumber("0", SpoolIntakePriority.THREADS, 2, 1, 8))
            .isInstanceOf(InvalidConfigurationException.class)
            .hasMessage("conf/mailetcontainer.xml: <spooler><threadsWhileReceiving>: '0' must be a whole number from 1 to 8");
        assertThatThrownBy(() -> SpoolerSettings.wholeNumber("ten", SpoolIntakePriority.PRIORITY, 30, 0, 3600))
            .hasMessage("conf/mailetcontainer.xml: <spooler><receivingPriority>: 'ten' must be a whole number from 0 to 3600");
        assertThat(SpoolerSettings.wholeNumber(null, SpoolIntakePriority.THREADS, 2, 1, 8)).isEqualTo(2);
        assertThat(SpoolerSettings.wholeNumber(" 4 ", SpoolIntakePriority.THREADS, 2, 1, 8)).isEqualTo(4);
    }
}
