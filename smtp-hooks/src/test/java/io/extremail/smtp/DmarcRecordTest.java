package io.extremail.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DmarcRecordTest {
    @Test
    void readsPolicyAndItsOptions() {
        DmarcRecord record = DmarcRecord.parse("v=DMARC1; p=reject; sp=quarantine; pct=20; adkim=s; rua=mailto:d@example.com");

        assertThat(record.policy()).isEqualTo(DmarcRecord.Policy.REJECT);
        assertThat(record.subdomainPolicy()).isEqualTo(DmarcRecord.Policy.QUARANTINE);
        assertThat(record.percent()).isEqualTo(20);
        assertThat(record.strictDkim()).isTrue();
        assertThat(record.strictSpf()).isFalse();
    }

    @Test
    void defaults() {
        DmarcRecord record = DmarcRecord.parse("v=DMARC1;p=none");

        assertThat(record.subdomainPolicy()).isEqualTo(DmarcRecord.Policy.NONE);
        assertThat(record.percent()).isEqualTo(100);
    }

    @Test
    void malformedRecordsNameWhatIsWrong() {
        assertThatThrownBy(() -> DmarcRecord.parse("p=reject; v=DMARC1")).hasMessage("v=DMARC1 must come first");
        assertThatThrownBy(() -> DmarcRecord.parse("v=DMARC1; p=drop")).hasMessage("p=drop is not none, quarantine or reject");
        assertThatThrownBy(() -> DmarcRecord.parse("v=DMARC1; pct=50")).hasMessage("p= is missing");
        assertThatThrownBy(() -> DmarcRecord.parse("v=DMARC1; p=none; pct=150")).hasMessage("pct=150 is not a whole number from 0 to 100");
        assertThatThrownBy(() -> DmarcRecord.parse("v=DMARC1; p=none; garbage")).hasMessage("'garbage' is not a tag=value pair");
    }

    @Test
    void onlyDmarcRecordsAreTakenAsSuch() {
        assertThat(DmarcRecord.isDmarc("v=DMARC1; p=none")).isTrue();
        assertThat(DmarcRecord.isDmarc("v=spf1 -all")).isFalse();
    }

    @Test
    void organizationalDomains() {
        assertThat(DmarcCheck.organizationalDomain("mail.example.co.uk")).isEqualTo("example.co.uk");
        assertThat(DmarcCheck.organizationalDomain("a.b.example.com")).isEqualTo("example.com");
        assertThat(DmarcCheck.organizationalDomain("news.dmarc-test.example")).isEqualTo("dmarc-test.example");
    }
}
