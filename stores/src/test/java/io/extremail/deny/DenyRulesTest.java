package io.extremail.deny;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.james.core.Domain;
import org.apache.james.core.MailAddress;
import org.junit.jupiter.api.Test;

class DenyRulesTest {

    @Test
    void valuesAreStoredInCanonicalForm() {
        assertThat(DenyEntry.of(DenyKind.IPIN, "192.0.2.77/24").value()).isEqualTo("192.0.2.0/24");
        assertThat(DenyEntry.of(DenyKind.IPIN, "192.0.2.7").value()).isEqualTo("192.0.2.7/32");
        assertThat(DenyEntry.of(DenyKind.IPOUT, "2001:DB8:0::1/32").value()).isEqualTo("2001:db8::/32");
        assertThat(DenyEntry.of(DenyKind.DOMAININ, " Spam.Example ").value()).isEqualTo("spam.example");
        assertThat(DenyEntry.of(DenyKind.DOMAINOUT, ".Example.COM").value()).isEqualTo(".example.com");
        assertThat(DenyEntry.of(DenyKind.MAILBOXIN, "Bad@Example.com").value()).isEqualTo("bad@example.com");
    }

    @Test
    void invalidValuesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> DenyEntry.of(DenyKind.IPIN, "192.0.2.0/33")).hasMessageContaining("prefix length must be 0 to 32");
        assertThatThrownBy(() -> DenyEntry.of(DenyKind.IPIN, "spam.example")).hasMessageContaining("not an IP address");
        assertThatThrownBy(() -> DenyEntry.of(DenyKind.IPIN, "192.0.2.0/x")).hasMessageContaining("prefix length");
        assertThatThrownBy(() -> DenyEntry.of(DenyKind.DOMAININ, "user@spam.example")).hasMessageContaining("not a domain");
        assertThatThrownBy(() -> DenyEntry.of(DenyKind.MAILBOXOUT, "not an address")).hasMessageContaining("not a mail address");
        assertThatThrownBy(() -> DenyEntry.of(DenyKind.MAILBOXOUT, " ")).hasMessageContaining("value is missing");
    }

    @Test
    void networksMatchEveryAddressInsideAndNoOther() throws Exception {
        DenyRules rules = DenyRules.of(List.of(
            DenyEntry.of(DenyKind.IPIN, "192.0.2.0/24"),
            DenyEntry.of(DenyKind.IPIN, "198.51.100.9"),
            DenyEntry.of(DenyKind.IPIN, "2001:db8::/32")));

        assertThat(rules.matchingNetwork(DenyKind.IPIN, InetAddress.getByName("192.0.2.200")))
            .contains(new DenyEntry(DenyKind.IPIN, "192.0.2.0/24"));
        assertThat(rules.matchingNetwork(DenyKind.IPIN, InetAddress.getByName("198.51.100.9"))).isPresent();
        assertThat(rules.matchingNetwork(DenyKind.IPIN, InetAddress.getByName("198.51.100.10"))).isEmpty();
        assertThat(rules.matchingNetwork(DenyKind.IPIN, InetAddress.getByName("192.0.3.1"))).isEmpty();
        assertThat(rules.matchingNetwork(DenyKind.IPIN, InetAddress.getByName("2001:db8:ffff::1")))
            .contains(new DenyEntry(DenyKind.IPIN, "2001:db8::/32"));
        assertThat(rules.matchingNetwork(DenyKind.IPIN, InetAddress.getByName("2001:db9::1"))).isEmpty();
        assertThat(rules.matchingNetwork(DenyKind.IPOUT, InetAddress.getByName("192.0.2.200"))).isEmpty();
    }

    @Test
    void domainRulesMatchSubdomainsOnlyWhenWrittenWithALeadingDot() {
        DenyRules rules = DenyRules.of(List.of(
            DenyEntry.of(DenyKind.DOMAININ, "exact.example"),
            DenyEntry.of(DenyKind.DOMAININ, ".tree.example")));

        assertThat(rules.matchingDomain(DenyKind.DOMAININ, Domain.of("EXACT.example"))).isPresent();
        assertThat(rules.matchingDomain(DenyKind.DOMAININ, Domain.of("a.exact.example"))).isEmpty();
        assertThat(rules.matchingDomain(DenyKind.DOMAININ, Domain.of("a.b.tree.example")))
            .contains(new DenyEntry(DenyKind.DOMAININ, ".tree.example"));
        assertThat(rules.matchingDomain(DenyKind.DOMAININ, Domain.of("tree.example"))).isEmpty();
        assertThat(rules.matchingDomain(DenyKind.DOMAINOUT, Domain.of("exact.example"))).isEmpty();
    }

    @Test
    void addressRuleComesBeforeItsDomainRule() throws Exception {
        DenyRules rules = DenyRules.of(List.of(
            DenyEntry.of(DenyKind.MAILBOXOUT, "boss@corp.example"),
            DenyEntry.of(DenyKind.DOMAINOUT, "corp.example")));

        assertThat(rules.matchingAddress(DenyKind.MAILBOXOUT, DenyKind.DOMAINOUT, new MailAddress("Boss@corp.example")))
            .contains(new DenyEntry(DenyKind.MAILBOXOUT, "boss@corp.example"));
        assertThat(rules.matchingAddress(DenyKind.MAILBOXOUT, DenyKind.DOMAINOUT, new MailAddress("clerk@corp.example")))
            .contains(new DenyEntry(DenyKind.DOMAINOUT, "corp.example"));
        assertThat(rules.matchingAddress(DenyKind.MAILBOXIN, DenyKind.DOMAININ, new MailAddress("clerk@corp.example")))
            .isEmpty();
    }

    @Test
    void hundredThousandRulesAreIndexed() throws Exception {
        List<DenyEntry> entries = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            entries.add(new DenyEntry(DenyKind.IPIN, "10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255) + "/32"));
            entries.add(new DenyEntry(DenyKind.DOMAININ, "spam" + i + ".example"));
        }
        DenyRules rules = DenyRules.of(entries);

        assertThat(rules.matchingNetwork(DenyKind.IPIN, InetAddress.getByName("10.1.134.159"))).isPresent();
        assertThat(rules.matchingNetwork(DenyKind.IPIN, InetAddress.getByName("10.2.0.0"))).isEmpty();
        assertThat(rules.matchingDomain(DenyKind.DOMAININ, Domain.of("spam99999.example"))).isPresent();
        assertThat(rules.matchingDomain(DenyKind.DOMAININ, Domain.of("ham.example"))).isEqualTo(Optional.empty());
    }
}
