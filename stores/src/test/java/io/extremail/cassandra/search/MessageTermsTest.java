package io.extremail.cassandra.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessageTermsTest {
    @Test
    void keepsEachWordOnceInTheOrderMet() {
        MessageTerms terms = new MessageTerms().add("Lunch at noon").add("lunch, LUNCH and more");

        assertThat(terms.terms()).containsExactly("lunch", "at", "noon", "and", "more");
        assertThat(terms.complete()).isTrue();
    }

    @Test
    void stopsAtTheCapAndIsThenIncomplete() {
        MessageTerms terms = new MessageTerms(3).add("one two three one four five");

        assertThat(terms.terms()).containsExactly("one", "two", "three");
        assertThat(terms.complete()).isFalse();
    }

    @Test
    void reachingTheCapExactlyIsComplete() {
        MessageTerms terms = new MessageTerms(3).add("one two three two one");

        assertThat(terms.complete()).isTrue();
    }
}
