package io.extremail.cassandra.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SearchTokenizerTest {
    @Test
    void wordsAreLowerCasedRunsOfLettersAndDigits() {
        assertThat(SearchTokenizer.words("Quarterly figures: Q3-2024, up 12%!"))
            .containsExactly("quarterly", "figures", "q3", "2024", "up", "12");
    }

    @Test
    void addressesAreCutAtTheAtSignAndTheDots() {
        assertThat(SearchTokenizer.words("\"Alice Smith\" <alice.smith@Example.COM>"))
            .containsExactly("alice", "smith", "alice", "smith", "example", "com");
    }

    @Test
    void accentedLettersStayInTheWordWhateverTheirUnicodeForm() {
        assertThat(SearchTokenizer.words("Café CAFÉ cafe\u0301")).containsExactly("café", "café", "café");
    }

    @Test
    void compatibilityFormsAreNormalized() {
        assertThat(SearchTokenizer.words("ﬁle ＡＢＣ")).containsExactly("file", "abc");
    }

    @Test
    void lettersOfOtherScriptsAreWords() {
        assertThat(SearchTokenizer.words("Привет, мир. Γειά σου")).containsExactly("привет", "мир", "γειά", "σου");
    }

    @Test
    void hanAndKanaCharactersAreWordsOnTheirOwn() {
        assertThat(SearchTokenizer.words("東京タワー ok")).containsExactly("東", "京", "タ", "ワ", "ー", "ok");
    }

    @Test
    void longWordsAreCutToTheMaximumTermLength() {
        assertThat(SearchTokenizer.words("x".repeat(200) + " y"))
            .containsExactly("x".repeat(SearchTokenizer.MAX_TERM_LENGTH), "y");
    }

    @Test
    void textWithoutLettersOrDigitsHasNoWords() {
        assertThat(SearchTokenizer.words(" -- @@ ... ")).isEmpty();
    }
}
