package dev.signdigits.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signdigits.SignDigitsException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DotEnvTest {
    @Test
    void parsesCommentsQuotesAndExport() {
        DotEnv env = DotEnv.parse(Path.of(".env"), List.of(
                "# a comment", "", "SIGNDIGITS_A=1", "export SIGNDIGITS_B = two words ",
                "SIGNDIGITS_C=\"quoted # not a comment\"", "SIGNDIGITS_D='single'", "SIGNDIGITS_E=x # trailing"));
        assertThat(env.values()).containsEntry("SIGNDIGITS_A", "1")
                .containsEntry("SIGNDIGITS_B", "two words")
                .containsEntry("SIGNDIGITS_C", "quoted # not a comment")
                .containsEntry("SIGNDIGITS_D", "single")
                .containsEntry("SIGNDIGITS_E", "x");
    }

    @Test
    void rejectsLineWithoutEqualsNamingTheLine() {
        assertThatThrownBy(() -> DotEnv.parse(Path.of("my.env"), List.of("OK=1", "garbage")))
                .isInstanceOf(SignDigitsException.class)
                .hasMessageContaining("my.env line 2");
    }

    @Test
    void missingFileIsEmpty() {
        assertThat(DotEnv.readIfPresent(Path.of("does-not-exist.env")).values()).isEmpty();
    }
}
