package io.extremail.dkim;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Pattern;

import org.apache.james.core.Domain;

/**
 * Makes {@link DkimKey}s: new RSA keys, or an existing one given in PEM (PKCS#8 {@code BEGIN PRIVATE KEY}); checks
 * selectors. Only RSA: jDKIM 0.3, which signs and verifies, knows {@code rsa-sha256} and {@code rsa-sha1} only
 * (no Ed25519, RFC 8463).
 */
public final class DkimKeys {
    public static final int DEFAULT_BITS = 2048;
    public static final int MINIMUM_BITS = 1024;
    public static final int MAXIMUM_BITS = 4096;

    // RFC 6376 section 3.1: a selector is a sequence of DNS labels.
    private static final Pattern SELECTOR = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    private static final DateTimeFormatter SELECTOR_DATE = DateTimeFormatter.ofPattern("'x'yyyyMMdd'T'HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final Pattern PEM_ARMOUR = Pattern.compile("-----(BEGIN|END) [A-Z ]+-----");

    private final Clock clock;

    public DkimKeys(Clock clock) {
        this.clock = clock;
    }

    /** A selector naming the moment of creation ({@code x20261125T101500}): each rotation gets a new one. */
    public String newSelector() {
        return SELECTOR_DATE.format(clock.instant());
    }

    public DkimKey generate(Domain domain, String selector, int bits) {
        checkSelector(selector);
        if (bits < MINIMUM_BITS || bits > MAXIMUM_BITS) {
            throw new InvalidDkimKeyException("bits", bits + " is not a key size from " + MINIMUM_BITS + " to " + MAXIMUM_BITS);
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            KeyPair pair = generator.generateKeyPair();
            return new DkimKey(domain, selector, pair.getPrivate().getEncoded(), pair.getPublic().getEncoded(), bits, clock.instant());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA key generation is not available", e);
        }
    }

    /** A key the operator already has (moved from another server): PEM PKCS#8, or its base64 body alone. */
    public DkimKey fromPem(Domain domain, String selector, String pem) {
        checkSelector(selector);
        if (pem.contains("BEGIN RSA PRIVATE KEY")) {
            throw new InvalidDkimKeyException("privateKey", "PKCS#1 keys (BEGIN RSA PRIVATE KEY) are not read: convert with "
                + "'openssl pkcs8 -topk8 -nocrypt -in key.pem' to PKCS#8 (BEGIN PRIVATE KEY)");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(PEM_ARMOUR.matcher(pem).replaceAll("").strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidDkimKeyException("privateKey", "is not PEM: " + e.getMessage());
        }
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            if (!(rsa.generatePrivate(new PKCS8EncodedKeySpec(der)) instanceof RSAPrivateCrtKey key)) {
                throw new InvalidDkimKeyException("privateKey", "the RSA key lacks its public exponent (not a full PKCS#8 RSA key)");
            }
            int bits = key.getModulus().bitLength();
            if (bits < MINIMUM_BITS || bits > MAXIMUM_BITS) {
                throw new InvalidDkimKeyException("privateKey", "a " + bits + "-bit key; keys from " + MINIMUM_BITS + " to " + MAXIMUM_BITS + " bits are accepted");
            }
            byte[] publicKey = rsa.generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent())).getEncoded();
            return new DkimKey(domain, selector, der, publicKey, bits, clock.instant());
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new InvalidDkimKeyException("privateKey", "is not a PKCS#8 RSA private key (" + e.getMessage() + ")");
        }
    }

    public static void checkSelector(String selector) {
        if (selector == null || selector.isEmpty() || selector.length() > 200 || !SELECTOR.matcher(selector).matches()) {
            throw new InvalidDkimKeyException("selector", "'" + selector + "' is not a DNS label (letters, digits, '-', dots between labels)");
        }
    }
}
