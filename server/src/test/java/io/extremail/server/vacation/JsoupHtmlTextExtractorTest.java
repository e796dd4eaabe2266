package io.extremail.server.vacation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsoupHtmlTextExtractorTest {
    private final JsoupHtmlTextExtractor extractor = new JsoupHtmlTextExtractor();

    @Test
    void paragraphsAndLineBreaksBecomeLines() {
        assertThat(extractor.toPlainText("<p>I am away.</p><p>Back on <b>Monday</b>,<br>Alice</p>"))
            .isEqualTo("I am away.\nBack on Monday,\nAlice");
    }

    @Test
    void entitiesAreDecodedAndScriptsDropped() {
        assertThat(extractor.toPlainText("<html><head><script>x()</script></head><body>Fish &amp; chips</body></html>"))
            .isEqualTo("Fish & chips");
    }
}
