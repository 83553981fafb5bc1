package dev.signdigits.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signdigits.SignDigitsException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownloaderTest {
    private final ByteArrayOutputStream progress = new ByteArrayOutputStream();
    private final Downloader downloader = new Downloader(new PrintStream(progress, true));

    @Test
    void downloadsVerifiesAndReportsProgress(@TempDir Path dir) throws Exception {
        byte[] body = new byte[300_000];
        new Random(1).nextBytes(body);
        try (LocalHttpServer server = new LocalHttpServer()) {
            URI url = server.serve("/weights.bin", body);
            Downloader.Download download = downloader.download(url, dir.resolve("models/weights.bin"), Sha256.of(body).toUpperCase());

            assertThat(Files.readAllBytes(download.file())).isEqualTo(body);
            assertThat(download.bytes()).isEqualTo(body.length);
            assertThat(download.sha256()).isEqualTo(Sha256.of(body));
            assertThat(progress.toString()).contains("Downloading weights.bin").contains("293/293 KiB");
            assertThat(Files.list(dir.resolve("models"))).hasSize(1);
        }
    }

    @Test
    void checksumMismatchKeepsThePreviousFileAndLeavesNoTemporaryFile(@TempDir Path dir) throws Exception {
        Path target = Files.writeString(dir.resolve("weights.bin"), "previous");
        try (LocalHttpServer server = new LocalHttpServer()) {
            URI url = server.serve("/weights.bin", "new content".getBytes());
            String wrong = "0".repeat(64);
            assertThatThrownBy(() -> downloader.download(url, target, wrong))
                    .isInstanceOf(SignDigitsException.class)
                    .hasMessageContaining(url.toString()).hasMessageContaining("SHA-256").hasMessageContaining(wrong)
                    .satisfies(e -> assertThat(((SignDigitsException) e).exitCode()).isEqualTo(SignDigitsException.ENVIRONMENT));
        }
        assertThat(Files.readString(target)).isEqualTo("previous");
        assertThat(Files.list(dir)).containsExactly(target);
    }

    @Test
    void httpErrorsAndUnreachableServersAreOneSentence(@TempDir Path dir) throws Exception {
        URI gone;
        try (LocalHttpServer server = new LocalHttpServer()) {
            URI missing = server.uri("/nothing.zip");
            assertThatThrownBy(() -> downloader.download(missing, dir.resolve("x.zip"), null))
                    .isInstanceOfSatisfying(Downloader.DownloadException.class, e -> assertThat(e.problem()).isEqualTo("HTTP 404"))
                    .hasMessageContaining(missing.toString());
            gone = server.uri("/x.zip");
        }
        assertThatThrownBy(() -> downloader.download(gone, dir.resolve("x.zip"), null))
                .isInstanceOf(Downloader.DownloadException.class)
                .hasMessageContaining("127.0.0.1").hasMessageContaining("network").hasMessageNotContaining("\n");
        assertThat(Files.list(dir)).isEmpty();
    }
}
