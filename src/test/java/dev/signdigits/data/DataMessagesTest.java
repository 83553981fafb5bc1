package dev.signdigits.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signdigits.SignDigitsException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Messages name the option the user gave, and read as English. */
class DataMessagesTest {
    @Test
    void aFolderGivenWithDataIsNeverToldAboutDataDirOrDataFetch(@TempDir Path dir) throws Exception {
        for (Path bad : new Path[] {dir.resolve("missing"), Files.writeString(dir.resolve("file"), "x"),
                Files.createDirectories(dir.resolve("empty"))}) {
            assertThatThrownBy(() -> ImageFolder.scan(bad, "--data")).isInstanceOf(SignDigitsException.class)
                    .hasMessageContaining("--data").hasMessageNotContaining("--data-dir").hasMessageNotContaining("data fetch");
        }
        assertThatThrownBy(() -> ImageFolder.scan(dir.resolve("missing"))).hasMessageContaining("--data-dir");
    }

}
