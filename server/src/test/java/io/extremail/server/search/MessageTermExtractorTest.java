package io.extremail.server.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.apache.james.mailbox.store.extractor.JsoupTextExtractor;
import org.junit.jupiter.api.Test;

import io.extremail.cassandra.search.MessageTerms;

class MessageTermExtractorTest {
    private final MessageTermExtractor extractor = new MessageTermExtractor(new JsoupTextExtractor());

    @Test
    void indexesSubjectAddressesAndPlainBody() {
        MessageTerms terms = extract("From: \"Alice Smith\" <alice@example.com>\r\n"
            + "To: bob@example.org\r\n"
            + "Cc: Carol <carol@example.net>\r\n"
            + "Subject: Quarterly figures\r\n"
            + "X-Mailer: SecretMailer\r\n"
            + "\r\n"
            + "The harvest was plentiful.\r\n");

        assertThat(terms.terms()).contains("alice", "smith", "example", "com", "bob", "org", "carol", "net",
            "quarterly", "figures", "harvest", "plentiful")
            .doesNotContain("secretmailer", "x", "mailer");
        assertThat(terms.complete()).isTrue();
    }

    @Test
    void decodesEncodedWordsAndTransferEncodings() {
        MessageTerms terms = extract("Subject: =?UTF-8?Q?Caf=C3=A9_ouvert?=\r\n"
            + "Content-Type: text/plain; charset=UTF-8\r\n"
            + "Content-Transfer-Encoding: base64\r\n"
            + "\r\n"
            + "Q3LDqG1lIGJyw7tsw6llCg==\r\n");

        assertThat(terms.terms()).contains("café", "ouvert", "crème", "brûlée");
    }

    @Test
    void indexesHtmlTextWithoutItsMarkupAndSkipsAttachments() {
        MessageTerms terms = extract("Subject: parts\r\n"
            + "Content-Type: multipart/mixed; boundary=b\r\n"
            + "\r\n"
            + "--b\r\n"
            + "Content-Type: text/html; charset=UTF-8\r\n"
            + "\r\n"
            + "<html><body><p class=\"greeting\">Sandwiches <b>at</b> noon</p></body></html>\r\n"
            + "--b\r\n"
            + "Content-Type: application/octet-stream\r\n"
            + "Content-Transfer-Encoding: base64\r\n"
            + "\r\n"
            + "c2VjcmV0IHBheWxvYWQ=\r\n"
            + "--b--\r\n");

        assertThat(terms.terms()).contains("sandwiches", "at", "noon")
            .doesNotContain("html", "class", "greeting", "secret", "payload", "c2vjcmv0ihbhewxvywq");
    }

    private MessageTerms extract(String message) {
        return extractor.extract(new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)));
    }
}
