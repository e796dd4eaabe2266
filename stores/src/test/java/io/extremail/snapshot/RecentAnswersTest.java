package io.extremail.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import reactor.core.publisher.Mono;

class RecentAnswersTest {
    private final RecentAnswers<String, String> answers = new RecentAnswers<>();
    private final AtomicInteger lookups = new AtomicInteger();

    private Mono<String> nothing(String key) {
        return Mono.fromRunnable(lookups::incrementAndGet);
    }

    private Mono<String> found(String key) {
        return Mono.fromCallable(() -> key + "#" + lookups.incrementAndGet());
    }

    @Test
    void nothingFoundIsRememberedToo() {
        assertThat(answers.get("alice", this::nothing).blockOptional()).isEmpty();
        assertThat(answers.get("alice", this::nothing).blockOptional()).isEmpty();
        assertThat(lookups).hasValue(1);
    }

    @Test
    void aFoundValueIsRememberedUntilForgotten() {
        assertThat(answers.get("bob", this::found).block()).isEqualTo("bob#1");
        assertThat(answers.get("bob", this::found).block()).isEqualTo("bob#1");
        answers.forget("bob");
        assertThat(answers.get("bob", this::found).block()).isEqualTo("bob#2");
    }

    @Test
    void aFailedLookupIsNotRemembered() {
        assertThatThrownBy(() -> answers.get("carol", key -> Mono.error(new IllegalStateException("down"))).block())
            .hasMessage("down");
        assertThat(answers.get("carol", this::found).block()).isEqualTo("carol#1");
    }
}
