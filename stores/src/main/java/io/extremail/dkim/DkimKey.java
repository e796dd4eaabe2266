package io.extremail.dkim;

import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.apache.james.core.Domain;

/**
 * A DKIM signing key of a domain (RFC 6376), RSA: the private key (PKCS#8) signs, the public key (X.509
 * SubjectPublicKeyInfo) is what the domain publishes in DNS at {@link #dnsName()}, as {@link #dnsRecord()}.
 */
public record DkimKey(Domain domain, String selector, byte[] privateKey, byte[] publicKey, int bits, Instant created) {
    /** DNS character-strings hold at most 255 bytes: a longer record is published as several, joined by resolvers. */
    private static final int TXT_STRING_LENGTH = 255;

    public PrivateKey signingKey() {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(privateKey));
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException("DKIM key " + selector + " of " + domain.asString() + " is not a valid RSA private key", e);
        }
    }

    /** {@code selector._domainkey.domain}, where verifiers look for the public key. */
    public String dnsName() {
        return selector + "._domainkey." + domain.asString();
    }

    /** The TXT record's text: {@code v=DKIM1; k=rsa; p=<base64 public key>}. */
    public String dnsRecord() {
        return "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(publicKey);
    }

    /** The record as a zone file line, split into 255-character strings. */
    public String zoneFileLine() {
        String text = dnsRecord();
        List<String> strings = new ArrayList<>();
        for (int start = 0; start < text.length(); start += TXT_STRING_LENGTH) {
            strings.add('"' + text.substring(start, Math.min(text.length(), start + TXT_STRING_LENGTH)) + '"');
        }
        return dnsName() + ". IN TXT ( " + String.join(" ", strings) + " )";
    }
}
