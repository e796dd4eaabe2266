package io.extremail.server.dkim;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.core.Domain;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.api.DomainListException;

import io.extremail.dkim.DkimKey;
import io.extremail.dkim.DkimKeyStore;
import io.extremail.dkim.DkimKeys;
import io.extremail.dkim.InvalidDkimKeyException;

/** What WebAdmin's /dkim routes and the console's DKIM verbs do, with the same checks and messages. */
public class DkimAdministration {
    /** A request that cannot be carried out; {@code status} is the HTTP status, which the console's codes follow. */
    public static class Refused extends RuntimeException {
        private final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** A key as shown to the operator: the DNS record to publish, never the private key. */
    public record KeyView(String domain, String selector, String algorithm, int bits, String created, boolean active,
                          String dnsName, String dnsRecord, String zoneFileLine) {
        static KeyView of(DkimKey key, boolean active) {
            return new KeyView(key.domain().asString(), key.selector(), "rsa", key.bits(), key.created().toString(), active,
                key.dnsName(), key.dnsRecord(), key.zoneFileLine());
        }
    }

    private final DkimKeyStore keys;
    private final DomainList domains;
    private final DkimKeys factory = new DkimKeys(Clock.systemUTC());

    @Inject
    public DkimAdministration(DkimKeyStore keys, DomainList domains) {
        this.keys = keys;
        this.domains = domains;
    }

    /**
     * A new key (generated, or the given PEM), active at once unless {@code activate} is false: publish its record
     * first when other servers already verify mail of the domain.
     */
    public KeyView create(String domainName, Optional<String> selector, Optional<String> algorithm, Optional<Integer> bits,
                          Optional<String> privateKeyPem, boolean activate) throws DomainListException {
        Domain domain = existingDomain(domainName);
        String name = selector.map(String::strip).orElseGet(factory::newSelector);
        String kind = algorithm.map(value -> value.strip().toLowerCase(Locale.ROOT)).orElse("rsa");
        if (!kind.equals("rsa")) {
            throw new Refused(400, "algorithm: '" + algorithm.get() + "' is not supported: the DKIM library (jDKIM 0.3) signs "
                + "and verifies rsa-sha256 only (ed25519-sha256 is not available)");
        }
        if (privateKeyPem.isPresent() && bits.isPresent()) {
            throw new Refused(400, "bits: not with privateKey (the key has its own size)");
        }
        DkimKey key;
        try {
            key = privateKeyPem.isPresent()
                ? factory.fromPem(domain, name, privateKeyPem.get())
                : factory.generate(domain, name, bits.orElse(DkimKeys.DEFAULT_BITS));
        } catch (InvalidDkimKeyException e) {
            throw new Refused(400, e.getMessage());
        }
        if (keys.key(domain, name).blockOptional().isPresent()) {
            throw new Refused(409, "selector: " + name + " already has a key for " + domain.asString() + " (keys are not replaced: use a new selector)");
        }
        keys.add(key).block();
        if (activate) {
            keys.activate(domain, name).block();
        }
        return KeyView.of(key, activate);
    }

    public List<KeyView> list(String domainName) throws DomainListException {
        Domain domain = existingDomain(domainName);
        Optional<String> active = keys.activeSelector(domain).blockOptional();
        return keys.keys(domain).map(key -> KeyView.of(key, active.filter(key.selector()::equals).isPresent())).collectList().block();
    }

    public KeyView show(String domainName, String selector) throws DomainListException {
        Domain domain = existingDomain(domainName);
        DkimKey key = existingKey(domain, selector);
        return KeyView.of(key, keys.activeSelector(domain).blockOptional().filter(selector::equals).isPresent());
    }

    /** Rotation: mail of the domain is signed with this key from now on. */
    public KeyView activate(String domainName, String selector) throws DomainListException {
        Domain domain = existingDomain(domainName);
        DkimKey key = existingKey(domain, selector);
        keys.activate(domain, selector).block();
        return KeyView.of(key, true);
    }

    public void remove(String domainName, String selector) throws DomainListException {
        Domain domain = existingDomain(domainName);
        if (!keys.remove(domain, selector).block()) {
            throw noKey(domain, selector);
        }
    }

    private DkimKey existingKey(Domain domain, String selector) {
        return keys.key(domain, selector).blockOptional().orElseThrow(() -> noKey(domain, selector));
    }

    private Domain existingDomain(String name) throws DomainListException {
        Domain domain;
        try {
            domain = Domain.of(name);
        } catch (IllegalArgumentException e) {
            throw new Refused(400, "domain: '" + name + "' is not a domain name");
        }
        if (!domains.containsDomain(domain)) {
            throw new Refused(404, "domain: " + domain.asString() + " is not a domain of this server");
        }
        return domain;
    }

    private static Refused noKey(Domain domain, String selector) {
        return new Refused(404, "selector: " + domain.asString() + " has no key " + selector);
    }
}
