package dev.signdigits.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The decoder's sentences read as English. */
class ImageDecoderMessagesTest {

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
