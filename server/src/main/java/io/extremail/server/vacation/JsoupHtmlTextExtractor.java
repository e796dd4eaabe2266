package io.extremail.server.vacation;

import org.apache.james.util.html.HtmlTextExtractor;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * Plain text of an HTML vacation body, for the text/plain alternative of the reply. Block elements and line breaks
 * become new lines, so paragraphs stay apart.
 */
public class JsoupHtmlTextExtractor implements HtmlTextExtractor {
    // A private-use character: never in real text, and kept by text(), which collapses whitespace.
    private static final String NEW_LINE_MARK = "\uE000";

    @Override
    public String toPlainText(String html) {
        Document document = Jsoup.parse(html);
        document.select("br").before(NEW_LINE_MARK);
        document.select("p, div, li, tr, h1, h2, h3, h4, h5, h6, blockquote, pre").before(NEW_LINE_MARK);
        return document.text()
            .replaceAll(" ?" + NEW_LINE_MARK + " ?", "\n")
            .strip();
    }
}
