package dev.signdigits.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/** The service's decoder maps the project decoder's reasons onto HTTP statuses. */
class ProjectImageDecoderTest {
    private final ProjectImageDecoder decoder = new ProjectImageDecoder(50_000_000);

    @Test
    void decodesARealPhoto() throws Exception {
        byte[] jpeg = Files.readAllBytes(TestModels.photo(3));
        assertThat(decoder.decode(jpeg, "three.jpg").getWidth()).isPositive();
    }

    @Test
    void emptyAndRandomBytesAre400() {
        assertStatus(new byte[0], 400);
        assertStatus(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}, 400);
    }

    @Test
    void aDecompressionBombIs413BeforeDecoding() {
        assertStatus(pngHeader(50_000, 50_000), 413);
    }

    @Test
    void aKnownButUnsupportedFormatIs415() {
        byte[] heic = new byte[32];
        System.arraycopy(new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p', 'h', 'e', 'i', 'c'}, 0, heic, 0, 12);
        assertStatus(heic, 415);
    }

    private void assertStatus(byte[] bytes, int status) {
        assertThatThrownBy(() -> decoder.decode(bytes, "upload"))
                .isInstanceOfSatisfying(BadImageException.class, e -> assertThat(e.status()).isEqualTo(status));
    }

    private static byte[] pngHeader(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteBuffer ihdr = ByteBuffer.allocate(17);
        ihdr.put(new byte[] {'I', 'H', 'D', 'R'}).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        out.writeBytes(ByteBuffer.allocate(4).putInt(13).array());
        out.writeBytes(ihdr.array());
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        return out.toByteArray();
    }
}
