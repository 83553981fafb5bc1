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

    @Test
    void articlesFollowTheSoundOfTheWord() {
        assertThat(ImageDecoder.article("AVIF")).isEqualTo("an");
        assertThat(ImageDecoder.article("HEIC")).isEqualTo("a");
        assertThat(ImageDecoder.article("WebP")).isEqualTo("a");
        assertThat(ImageDecoder.article("8")).isEqualTo("an");
        assertThat(ImageDecoder.article("12")).isEqualTo("a");
        byte[] avif = {0, 0, 0, 24, 'f', 't', 'y', 'p', 'a', 'v', 'i', 'f', 0, 0, 0, 0, 'm', 'i', 'f', '1', 'a', 'v', 'i', 'f'};
        assertThatThrownBy(() -> new ImageDecoder().decode(avif, "x.avif")).hasMessageContaining("is an AVIF image");
    }
}
