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

    @Test
    void nothingBeforeTheCjkRadicalsIsAnIdeographOrKana() {
        for (int codePoint = 0; codePoint < SearchTokenizer.FIRST_CJK; codePoint++) {
            Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
            assertThat(Character.isIdeographic(codePoint) || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA).as("U+%04X", codePoint).isFalse();
        }
    }

    @Test
    void asciiLettersAndDigitsAreWordPartsAndNothingElseInAsciiIs() {
        StringBuilder ascii = new StringBuilder();
        for (char c = 0; c < 0x80; c++) {
            ascii.append(c).append(' ');
        }
        assertThat(SearchTokenizer.words(ascii)).containsExactlyElementsOf(
            ascii.chars().filter(Character::isLetterOrDigit).mapToObj(c -> String.valueOf((char) Character.toLowerCase(c))).toList());
    }
}
