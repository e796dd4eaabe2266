package io.extremail.server.search;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.james.mailbox.model.SearchQuery;
import org.apache.james.mailbox.model.SearchQuery.AddressOperator;
import org.apache.james.mailbox.model.SearchQuery.Conjunction;
import org.apache.james.mailbox.model.SearchQuery.ConjunctionCriterion;
import org.apache.james.mailbox.model.SearchQuery.ContainsOperator;
import org.apache.james.mailbox.model.SearchQuery.Criterion;
import org.apache.james.mailbox.model.SearchQuery.HeaderCriterion;
import org.apache.james.mailbox.model.SearchQuery.Scope;
import org.apache.james.mailbox.model.SearchQuery.SubjectCriterion;
import org.apache.james.mailbox.model.SearchQuery.TextCriterion;

import io.extremail.cassandra.search.SearchTokenizer;

/**
 * The words every message matching a query must hold in the index: those of the text criteria that the query requires
 * (at its top level or inside AND, never under OR or NOT). IMAP SUBJECT, FROM, TO, CC, BCC, BODY, TEXT and HEADER on
 * those headers give such criteria; attachment content and other headers are not indexed, so they give no words.
 */
final class SearchQueryWords {
    private SearchQueryWords() {
    }

    static Set<String> required(SearchQuery query) {
        Set<String> words = new LinkedHashSet<>();
        addRequired(query.getCriteria(), words);
        return words;
    }

    private static void addRequired(List<Criterion> criteria, Set<String> words) {
        for (Criterion criterion : criteria) {
            if (criterion instanceof ConjunctionCriterion
                && ((ConjunctionCriterion) criterion).getType() == Conjunction.AND) {
                addRequired(((ConjunctionCriterion) criterion).getCriteria(), words);
            } else {
                searchedText(criterion).map(SearchTokenizer::words).ifPresent(words::addAll);
            }
        }
    }

    private static Optional<String> searchedText(Criterion criterion) {
        if (criterion instanceof TextCriterion) {
            TextCriterion text = (TextCriterion) criterion;
            boolean indexedScope = text.getType() == Scope.BODY || text.getType() == Scope.FULL;
            return Optional.of(text.getOperator().getValue()).filter(value -> indexedScope);
        }
        if (criterion instanceof SubjectCriterion) {
            return Optional.of(((SubjectCriterion) criterion).getSubject());
        }
        if (criterion instanceof HeaderCriterion
            && MessageTermExtractor.isIndexedHeader(((HeaderCriterion) criterion).getHeaderName())) {
            SearchQuery.HeaderOperator operator = ((HeaderCriterion) criterion).getOperator();
            if (operator instanceof ContainsOperator) {
                return Optional.of(((ContainsOperator) operator).getValue());
            }
            if (operator instanceof AddressOperator) {
                return Optional.of(((AddressOperator) operator).getAddress());
            }
        }
        return Optional.empty();
    }
}
