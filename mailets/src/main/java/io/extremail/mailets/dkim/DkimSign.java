package io.extremail.mailets.dkim;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.inject.Inject;
import javax.mail.Header;
import javax.mail.MessagingException;
import javax.mail.internet.AddressException;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;

import org.apache.james.core.Domain;
import org.apache.james.jdkim.DKIMSigner;
import org.apache.james.jdkim.exceptions.FailException;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.extremail.dkim.DkimKey;
import io.extremail.dkim.DkimKeyStore;

/**
 * Signs outgoing mail with DKIM (RFC 6376: rsa-sha256, relaxed/relaxed) with the active key of the domain of its
 * {@code From} header, so that the signature aligns with From for DMARC. Keys are managed over WebAdmin
 * ({@code /dkim/{domain}/keys}) and the console ({@code DKIM ...}); mail whose From domain has no active key
 * leaves unsigned. Place it after every mailet that changes the message and right before {@code RemoteDelivery}:
 * a signed header or the body changed afterwards breaks the signature.
 *
 * <p>{@code signedHeaders}: the header fields the signature covers, separated by colons; must include From.
 * A name listed but absent from a message is signed as absent (it cannot be added later without breaking the
 * signature).
 *
 * <pre>{@code
 * <mailet match="All" class="io.extremail.mailets.dkim.DkimSign">
 *     <signedHeaders>from:sender:reply-to:subject:date:message-id:to:cc:mime-version:content-type:content-transfer-encoding:in-reply-to:references:list-id:list-post:list-unsubscribe</signedHeaders>
 * </mailet>
 * }</pre>
 */
public class DkimSign extends GenericMailet {
    public static final String DEFAULT_SIGNED_HEADERS = "from:sender:reply-to:subject:date:message-id:to:cc:mime-version:content-type:"
        + "content-transfer-encoding:in-reply-to:references:list-id:list-post:list-unsubscribe";
    private static final Logger LOGGER = LoggerFactory.getLogger(DkimSign.class);

    private final DkimKeyStore keys;
    private String signedHeaders;

    @Inject
    public DkimSign(DkimKeyStore keys) {
        this.keys = keys;
    }

    @Override
    public void init() throws MessagingException {
        List<String> names = Arrays.stream(getInitParameter("signedHeaders", DEFAULT_SIGNED_HEADERS).split(":"))
            .map(name -> name.strip().toLowerCase(Locale.ROOT))
            .filter(name -> !name.isEmpty())
            .toList();
        for (String name : names) {
            if (!name.matches("[\\x21-\\x39\\x3b-\\x7e]+")) {
                throw new MessagingException("DkimSign <signedHeaders>: '" + name + "' is not a header field name");
            }
        }
        if (!names.contains("from")) {
            throw new MessagingException("DkimSign <signedHeaders>: must include from (RFC 6376 section 5.4)");
        }
        signedHeaders = names.stream().collect(Collectors.joining(":"));
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        MimeMessage message = mail.getMessage();
        Optional<Domain> domain = fromDomain(message);
        if (domain.isEmpty()) {
            return;
        }
        Optional<DkimKey> key = keys.signingKey(domain.get()).blockOptional();
        if (key.isEmpty()) {
            return;
        }
        String signature = sign(message, key.get());
        prepend(message, signature);
        LOGGER.debug("Signed {} with DKIM key {} of {}", mail.getName(), key.get().selector(), domain.get().asString());
    }

    private String sign(MimeMessage message, DkimKey key) throws MessagingException {
        String template = "v=1; a=rsa-sha256; c=relaxed/relaxed; d=" + key.domain().asString() + "; s=" + key.selector()
            + "; t=" + System.currentTimeMillis() / 1000 + "; h=" + signedHeaders + "; bh=; b=;";
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            message.writeTo(bytes);
            return fold(new DKIMSigner(template, key.signingKey()).sign(new ByteArrayInputStream(bytes.toByteArray())));
        } catch (IOException | FailException e) {
            throw new MessagingException("DKIM signing with key " + key.selector() + " of " + key.domain().asString() + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Lines of at most a few hundred characters instead of one: breaks after each tag. Relaxed canonicalization
     * (which the signature declares) reads a line break and the tab after it as the space that was there.
     */
    static String fold(String header) {
        return header.replace("; ", ";\r\n\t");
    }

    /** DKIM-Signature goes on top, as a trace header (RFC 6376 section 5.6). */
    private static void prepend(MimeMessage message, String headerLine) throws MessagingException {
        List<String> lines = Collections.list(message.getAllHeaderLines());
        for (Header header : Collections.list(message.getAllHeaders())) {
            message.removeHeader(header.getName());
        }
        message.addHeaderLine(headerLine);
        for (String line : lines) {
            message.addHeaderLine(line);
        }
    }

    private static Optional<Domain> fromDomain(MimeMessage message) throws MessagingException {
        String from = message.getHeader("From", ",");
        if (from == null) {
            return Optional.empty();
        }
        try {
            InternetAddress[] addresses = InternetAddress.parseHeader(from, false);
            if (addresses.length == 0 || addresses[0].getAddress() == null || !addresses[0].getAddress().contains("@")) {
                return Optional.empty();
            }
            String address = addresses[0].getAddress();
            return Optional.of(Domain.of(address.substring(address.lastIndexOf('@') + 1)));
        } catch (AddressException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String getMailetInfo() {
        return "DKIM signing with the key of the From domain";
    }
}
