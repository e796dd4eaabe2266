package io.extremail.server.search;

import static org.assertj.core.api.Assertions.assertThat;

import javax.mail.Flags;

import org.apache.james.mailbox.model.SearchQuery;
import org.apache.james.mailbox.model.SearchQuery.AddressType;
import org.junit.jupiter.api.Test;

class SearchQueryWordsTest {
    @Test
    void requiredTextCriteriaGiveTheirWords() {
        SearchQuery query = SearchQuery.of(
            SearchQuery.flagIsUnSet(Flags.Flag.SEEN),
            SearchQuery.bodyContains("Harvest time"),
            SearchQuery.subject("Quarterly"),
            SearchQuery.address(AddressType.From, "alice@example.com"),
            SearchQuery.and(SearchQuery.mailContains("noon"), SearchQuery.headerContains("Cc", "Carol")));

        assertThat(SearchQueryWords.required(query))
            .containsExactly("harvest", "time", "quarterly", "alice", "example", "com", "noon", "carol");
    }

    @Test
    void textUnderOrAndNotIsNotRequired() {
        SearchQuery query = SearchQuery.of(
            SearchQuery.or(SearchQuery.bodyContains("one"), SearchQuery.bodyContains("two")),
            SearchQuery.not(SearchQuery.subject("three")));

        assertThat(SearchQueryWords.required(query)).isEmpty();
    }

    @Test
    void notIndexedTextGivesNoWords() {
        SearchQuery query = SearchQuery.of(
            SearchQuery.headerContains("X-Mailer", "mutt"),
            SearchQuery.attachmentContains("invoice"),
            SearchQuery.subject("--"));

        assertThat(SearchQueryWords.required(query)).isEmpty();
    }
}
