package io.extremail.cassandra.search;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Cuts text into the words the search index stores and looks up: runs of letters, digits and combining marks,
 * NFKC-normalized and lower-cased, so "Café", "CAFÉ" and "cafe\u0301" are one word. Everything else separates words,
 * so an address {@code alice.smith@example.com} gives {@code alice}, {@code smith}, {@code example}, {@code com}.
 * Han, Hiragana and Katakana characters are words on their own: those scripts do not separate words with spaces, and
 * one character per term still narrows a search down to the messages holding all its characters.
 * <p>
 * Indexing and searching cut with this same tokenizer, so a searched word is found exactly when it is a word of the
 * message. Words are cut to {@link #MAX_TERM_LENGTH} characters on both sides, which keeps partition keys small.
 */
public final class SearchTokenizer {
    public static final int MAX_TERM_LENGTH = 64;
    static final int FIRST_CJK = 0x2E80;

    private SearchTokenizer() {
    }

    public static List<String> words(CharSequence text) {
        // ASCII is its own NFKC form, and most mail text is ASCII: the normalizer is skipped for it.
        String normalized = (isAscii(text) ? text.toString() : Normalizer.normalize(text, Normalizer.Form.NFKC))
            .toLowerCase(Locale.ROOT);
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < normalized.length(); ) {
            int codePoint = normalized.codePointAt(i);
            i += Character.charCount(codePoint);
            if (isStandalone(codePoint)) {
                flush(word, words);
                words.add(Character.toString(codePoint));
            } else if (isWordPart(codePoint)) {
                word.appendCodePoint(codePoint);
            } else {
                flush(word, words);
            }
        }
        flush(word, words);
        return words;
    }

    private static boolean isAscii(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static void flush(StringBuilder word, List<String> words) {
        if (word.length() > 0) {
            words.add(truncate(word.toString()));
            word.setLength(0);
        }
    }

    private static String truncate(String word) {
        if (word.codePointCount(0, word.length()) <= MAX_TERM_LENGTH) {
            return word;
        }
        return word.substring(0, word.offsetByCodePoints(0, MAX_TERM_LENGTH));
    }

    private static boolean isWordPart(int codePoint) {
        if (codePoint < 0x80) {
            return (codePoint >= 'a' && codePoint <= 'z') || (codePoint >= 'A' && codePoint <= 'Z')
                || (codePoint >= '0' && codePoint <= '9');
        }
        if (Character.isLetterOrDigit(codePoint)) {
            return true;
        }
        int type = Character.getType(codePoint);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
            || type == Character.ENCLOSING_MARK;
    }

    private static boolean isStandalone(int codePoint) {
        // No ideograph, Hiragana or Katakana comes before the CJK radicals: the script lookup is skipped for them.
        if (codePoint < FIRST_CJK) {
            return false;
        }
        if (Character.isIdeographic(codePoint)) {
            return true;
        }
        Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
        return script == Character.UnicodeScript.HIRAGANA || script == Character.UnicodeScript.KATAKANA;
    }
}
