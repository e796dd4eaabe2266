package io.extremail.server.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CommandLineTest {
    @Test
    void keywordsAreUpperCasedAndValuesKeepTheirCase() {
        CommandLine line = CommandLine.parse("user add Name=Ann domain=Example.com PASS=S3cret");

        assertThat(line.words()).containsExactly("USER", "ADD");
        assertThat(line.parameters()).isEqualTo(Map.of("NAME", "Ann", "DOMAIN", "Example.com", "PASS", "S3cret"));
    }

    @Test
    void quotedValuesKeepSpacesAndOnlyQuoteAndBackslashAreEscaped() {
        CommandLine line = CommandLine.parse("AUTORESP SET TEXT=\"Back \\\"soon\\\"\\nAnn \\\\ co\" SUBJECT=\"\"");

        assertThat(line.parameters().get("TEXT")).isEqualTo("Back \"soon\"\\nAnn \\ co");
        assertThat(line.parameters().get("SUBJECT")).isEmpty();
    }

    @Test
    void malformedLinesNameTheProblem() {
        assertThatThrownBy(() -> CommandLine.parse("USER ADD NAME=\"open")).hasMessage("unterminated quote");
        assertThatThrownBy(() -> CommandLine.parse("USER ADD NAME=a NAME=b")).hasMessage("NAME: given twice");
        assertThatThrownBy(() -> CommandLine.parse("USER ADD NAME=a stray")).hasMessage("'stray': expected KEY=value after the first parameter");
        assertThatThrownBy(() -> CommandLine.parse("USER ADD =a")).hasMessage("'=a': a parameter needs a name before '='");
    }

    @Test
    void repliesEndWithADotAndStuffDataLinesStartingWithOne() {
        assertThat(Reply.ok("2 line(s)", List.of("a", ".hidden")).render()).isEqualTo("OK 2 line(s)\r\na\r\n..hidden\r\n.\r\n");
        assertThat(Reply.error(404, "NAME: no user\r\nx").render()).isEqualTo("ERR 404 NAME: no user  x\r\n.\r\n");
    }

    @Test
    void sizesAcceptUnitsAndUnlimited() {
        assertThat(Checks.size("QUOTA", "20M").asLong()).isEqualTo(20L << 20);
        assertThat(Checks.size("QUOTA", "1g").asLong()).isEqualTo(1L << 30);
        assertThat(Checks.size("QUOTA", "500").asLong()).isEqualTo(500);
        assertThat(Checks.size("QUOTA", "unlimited").isUnlimited()).isTrue();
        assertThatThrownBy(() -> Checks.size("QUOTA", "lots")).hasMessageStartingWith("QUOTA: 'lots' is not a size");
    }
}
