package dev.signdigits.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signdigits.image.ImageDecodeException.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.signdigits.image.ImageDecoder;
import dev.signdigits.image.DecodedImage;
import dev.signdigits.image.TestImages;

class BulkDecoderTest {

    @Test
    void badFilesAreReportedAndSkippedNeverDropped(@TempDir Path dir) throws Exception {
        Path data = ImageFolderTest.smallDataset(dir);
        Files.createFile(data.resolve("1/empty.jpg"));
        byte[] photo = Files.readAllBytes(data.resolve("0/a.jpg"));
        Files.write(data.resolve("1/cut.jpg"), Arrays.copyOf(photo, photo.length * 9 / 10));
        Files.writeString(data.resolve("0/text.png"), "this is not a png");
        DatasetIndex index = ImageFolder.scan(data);
        AtomicLong progress = new AtomicLong();

        BulkDecoder.BulkResult<DecodedImage> result = new BulkDecoder(new ImageDecoder(), 2).decodeAll(index, progress::addAndGet);

        assertThat(progress.get()).isEqualTo(index.size());
        assertThat(result.items()).extracting(l -> l.file().relativePath()).containsExactly("0/a.jpg", "0/sub/c.png", "1/b.jpg");
        assertThat(result.report().attempted()).isEqualTo(6);
        assertThat(result.report().failures()).extracting(DecodeFailure::file, DecodeFailure::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple("0/text.png", Reason.CORRUPT),
                org.assertj.core.groups.Tuple.tuple("1/cut.jpg", Reason.TRUNCATED),
                org.assertj.core.groups.Tuple.tuple("1/empty.jpg", Reason.EMPTY));
        assertThat(result.report().summary()).contains("3 of 6").contains("3 skipped");
    }

    /** Decodes the whole mirror on two threads; same pixels as one thread, and fast. */
    @Test
    void decodesTheMirrorInParallelDeterministically() {
        DatasetIndex index = ImageFolder.scan(TestImages.MIRROR);
        BulkDecoder.BulkResult<Integer> serial = new BulkDecoder(new ImageDecoder(), 1)
                .decodeAll(index, index.entries(), (file, image) -> checksum(image), null);
        BulkDecoder.BulkResult<Integer> parallel = new BulkDecoder(new ImageDecoder(), 2)
                .decodeAll(index, index.entries(), (file, image) -> checksum(image), null);

        assertThat(parallel.report().failures()).isEmpty();
        assertThat(parallel.items()).hasSize(index.size());
        assertThat(parallel.items()).isEqualTo(serial.items());
        System.out.println("mirror decode: " + serial.report().summary() + " / " + parallel.report().summary());
        assertThat(parallel.report().elapsed().toSeconds()).as("decoding %d photos", index.size()).isLessThan(30);
    }

    private static int checksum(DecodedImage image) {
        int[] pixels = image.rgb().getRGB(0, 0, image.width(), image.height(), null, 0, image.width());
        return Arrays.hashCode(pixels);
    }
}
