package io.extremail.server.search;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import javax.inject.Inject;

import org.apache.james.mailbox.extractor.TextExtractor;
import org.apache.james.mailbox.model.ContentType;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.message.DefaultBodyDescriptorBuilder;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.extremail.cassandra.search.MessageTerms;

/**
 * The words of a message that the search index stores: the Subject, From, To, Cc and Bcc headers of the message
 * (encoded words decoded: names and addresses) and the text of its text parts, HTML without its markup, as James's
 * {@link TextExtractor} reads them. The message is streamed: attachments are skipped, never held in memory. A part
 * that cannot be read leaves the message incomplete, so that searches still look at it.
 */
public class MessageTermExtractor {
    private static final Logger LOGGER = LoggerFactory.getLogger(MessageTermExtractor.class);
    private static final Set<String> INDEXED_HEADERS = Set.of("subject", "from", "to", "cc", "bcc");

    private final TextExtractor textExtractor;

    @Inject
    public MessageTermExtractor(TextExtractor textExtractor) {
        this.textExtractor = textExtractor;
    }

    /** Headers whose words the index holds (lower case), so a header search on them can use the index. */
    static boolean isIndexedHeader(String headerName) {
        return INDEXED_HEADERS.contains(headerName.toLowerCase(Locale.US));
    }

    public MessageTerms extract(InputStream message) {
        MessageTerms terms = new MessageTerms();
        MimeTokenStream stream = new MimeTokenStream(MimeConfig.PERMISSIVE, DecodeMonitor.SILENT, new DefaultBodyDescriptorBuilder());
        stream.parse(message);
        boolean inMessageHeader = true;
        try {
            for (EntityState state = stream.getState(); state != EntityState.T_END_OF_STREAM; state = stream.next()) {
                if (state == EntityState.T_FIELD && inMessageHeader && isIndexedHeader(stream.getField().getName())) {
                    terms.add(DecoderUtil.decodeEncodedWords(stream.getField().getBody(), DecodeMonitor.SILENT));
                } else if (state == EntityState.T_END_HEADER) {
                    inMessageHeader = false;
                } else if (state == EntityState.T_BODY) {
                    addText(stream, terms);
                }
            }
        } catch (IOException | MimeException e) {
            LOGGER.warn("Message only partly indexed: it is read at every search", e);
            terms.incomplete();
        }
        return terms;
    }

    private void addText(MimeTokenStream stream, MessageTerms terms) {
        BodyDescriptor part = stream.getBodyDescriptor();
        ContentType contentType = ContentType.of(ContentType.MimeType.of(part.getMimeType()), charset(part.getCharset()));
        if (!textExtractor.applicable(contentType)) {
            return;
        }
        try {
            textExtractor.extractContent(stream.getDecodedInputStream(), contentType)
                .getTextualContent()
                .ifPresent(terms::add);
        } catch (Exception e) {
            LOGGER.warn("A {} part of a message could not be read: it is read at every search", part.getMimeType(), e);
            terms.incomplete();
        }
    }

    private static Optional<Charset> charset(String name) {
        try {
            return Optional.ofNullable(name).filter(Charset::isSupported).map(Charset::forName);
        } catch (IllegalCharsetNameException e) {
            return Optional.empty();
        }
    }
}
