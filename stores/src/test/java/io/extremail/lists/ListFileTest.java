package io.extremail.lists;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.apache.james.core.MailAddress;
import org.junit.jupiter.api.Test;

class ListFileTest {
    @Test
    void readsEveryListWithItsAccessAndMembers() throws Exception {
        List<ListDefinition> lists = ListFile.parse(
            "staff@example.com\tMEMBERS\tann@example.com,Bob@Example.com\r\n"
                + "\r\n"
                + "news@example.com\topen\t\r\n"
                + "board@example.org\tModerated\t carl@example.net , dora@example.com,\r\n");

        assertThat(lists).extracting(ListDefinition::line).containsExactly(1, 3, 4);
        assertThat(lists.get(0).access()).isEqualTo(ListAccess.MEMBERS);
        assertThat(lists.get(0).members()).containsExactly(new MailAddress("ann@example.com"), new MailAddress("bob@example.com"));
        assertThat(lists.get(1).access()).isEqualTo(ListAccess.OPEN);
        assertThat(lists.get(1).members()).isEmpty();
        assertThat(lists.get(2).access()).isEqualTo(ListAccess.MODERATED);
        assertThat(lists.get(2).members()).hasSize(2);
    }

    @Test
    void acceptsLineFeedsAndComments() throws Exception {
        assertThat(ListFile.parse("# exported\nstaff@example.com\tOPEN\tann@example.com\n")).hasSize(1);
    }

    @Test
    void reportsEveryBadLineWithItsNumberAndField() {
        assertThatThrownBy(() -> ListFile.parse(
            "staff@example.com\tMEMBERS\tann@example.com\r\n"
                + "not-an-address\tOPEN\tann@example.com\r\n"
                + "news@example.com\tPUBLIC\tann@example.com\r\n"
                + "board@example.com\tOPEN\tann@example.com,bad address\r\n"
                + "staff@example.com\tOPEN\t\r\n"
                + "only two fields\tOPEN\r\n"))
            .isInstanceOfSatisfying(ListFile.InvalidListFileException.class, e -> assertThat(e.errors()).containsExactly(
                "line 2: name: 'not-an-address' is not a mail address",
                "line 3: access: 'PUBLIC' is not OPEN, MEMBERS or MODERATED",
                "line 4: members: 'bad address' is not a mail address",
                "line 5: name: staff@example.com is already defined on line 1",
                "line 6: expected 3 fields separated by tabs (name@domain, access, members), found 2"));
    }
}
