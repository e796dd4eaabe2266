package io.extremail.cassandra.search;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The distinct words of one message, as {@link SearchIndexDAO} stores them. A message with more distinct words than
 * the cap keeps the first ones and is marked incomplete: the index then returns it as a candidate for every search,
 * so a word past the cap is still found (by the full evaluation of the candidates) instead of silently missed.
 */
public final class MessageTerms {
    public static final int MAX_TERMS = 10_000;

    private final int maxTerms;
    private final Set<String> terms = new LinkedHashSet<>();
    private boolean complete = true;

    public MessageTerms() {
        this(MAX_TERMS);
    }

    public MessageTerms(int maxTerms) {
        this.maxTerms = maxTerms;
    }

    public MessageTerms add(CharSequence text) {
        for (String word : SearchTokenizer.words(text)) {
            if (terms.size() < maxTerms) {
                terms.add(word);
            } else if (!terms.contains(word)) {
                complete = false;
                break;
            }
        }
        return this;
    }

    /** Marks the message as not fully indexed, for example when a part of it could not be read. */
    public MessageTerms incomplete() {
        complete = false;
        return this;
    }

    public Set<String> terms() {
        return Collections.unmodifiableSet(terms);
    }

    public boolean complete() {
        return complete;
    }
}
