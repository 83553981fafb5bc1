package dev.signdigits.data.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signdigits.SignDigitsException;
import dev.signdigits.data.DatasetIndex;
import dev.signdigits.data.ImageFolder;
import dev.signdigits.data.LabeledFile;
import dev.signdigits.io.Downloader;
import dev.signdigits.io.LocalHttpServer;
import dev.signdigits.io.Sha256;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetFetcherTest {
    private static final Path MIRROR = Path.of("..", "shared", "datasets", "sign-language-digits");
    private static final String TOP = "Sign-Language-Digits-Dataset-master/";
    private final DatasetFetcher fetcher = new DatasetFetcher(new Downloader(new PrintStream(new ByteArrayOutputStream())));

    @Test
    void copiesTheOfflineMirrorIncludingGroupsAndThenReusesIt(@TempDir Path dir) throws Exception {
        Path dataDir = dir.resolve("data/raw/sign-language-digits");
        FetchOptions options = new FetchOptions(dataDir, MIRROR, URI.create("http://127.0.0.1:9/never.zip"), "");

        FetchResult first = fetcher.ensureAvailable(options);

        assertThat(first.source()).isEqualTo(FetchResult.Source.MIRROR);
        DatasetIndex mirror = ImageFolder.scan(MIRROR);
        assertThat(first.index().size()).isEqualTo(mirror.size());
        assertThat(first.index().contentHash()).isEqualTo(mirror.contentHash());
        assertThat(Files.mismatch(dataDir.resolve("groups.csv"), MIRROR.resolve("groups.csv"))).isEqualTo(-1);
        try (Stream<Path> siblings = Files.list(dataDir.getParent())) {
            assertThat(siblings).containsExactly(dataDir); // no temporary directory left behind
        }

        FetchResult second = fetcher.ensureAvailable(options);
        assertThat(second.source()).isEqualTo(FetchResult.Source.EXISTING);
    }

    @Test
    void downloadsAndUnpacksTheArchiveWhenThereIsNoMirror(@TempDir Path dir) throws Exception {
        byte[] zip = archive(Map.of(
                TOP + "../../escape.jpg", "x",
                TOP + "Dataset/3/../../../../outside/escape.jpg", "x",
                "__MACOSX/" + TOP + "Dataset/0/._IMG_1118.JPG", "resource fork",
                TOP + "Examples/example_0.JPG", "not part of the dataset"));
        Path dataDir = dir.resolve("data/raw/sign-language-digits");
        try (LocalHttpServer server = new LocalHttpServer()) {
            URI url = server.serve("/master.zip", zip);
            FetchResult result = fetcher.ensureAvailable(new FetchOptions(dataDir, dir.resolve("no-mirror"), url, Sha256.of(zip)));

            assertThat(result.source()).isEqualTo(FetchResult.Source.DOWNLOAD);
            assertThat(result.index().entries()).extracting(LabeledFile::relativePath)
                    .containsExactly("0/IMG_1118.JPG", "1/IMG_1119.JPG", "2/IMG_1120.JPG");
            assertThat(Files.readString(dataDir.resolve("LICENSE"))).contains("Apache");
            assertThat(Files.mismatch(dataDir.resolve("1/IMG_1119.JPG"), MIRROR.resolve("1/IMG_1119.JPG"))).isEqualTo(-1);
        }
        try (Stream<Path> all = Files.walk(dir)) {
            assertThat(all.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("IMG_1118.JPG", "IMG_1119.JPG", "IMG_1120.JPG", "LICENSE");
        }
    }

    @Test
    void checksumMismatchLeavesNoDatasetAndSaysWhatToDo(@TempDir Path dir) throws Exception {
        byte[] zip = archive(Map.of());
        Path dataDir = dir.resolve("data");
        try (LocalHttpServer server = new LocalHttpServer()) {
            URI url = server.serve("/master.zip", zip);
            assertThatThrownBy(() -> fetcher.ensureAvailable(new FetchOptions(dataDir, dir.resolve("no-mirror"), url, "ab".repeat(32))))
                    .isInstanceOf(SignDigitsException.class)
                    .hasMessageContaining("SHA-256").hasMessageContaining("--mirror-dir").hasMessageContaining(url.toString());
        }
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void offlineWithoutMirrorIsOneClearSentence(@TempDir Path dir) throws Exception {
        URI unreachable;
        try (LocalHttpServer server = new LocalHttpServer()) {
            unreachable = server.uri("/master.zip");
        }
        Path dataDir = dir.resolve("data");
        assertThatThrownBy(() -> fetcher.ensureAvailable(new FetchOptions(dataDir, dir.resolve("no-mirror"), unreachable, "")))
                .isInstanceOfSatisfying(SignDigitsException.class, e -> assertThat(e.exitCode()).isEqualTo(SignDigitsException.ENVIRONMENT))
                .hasMessageContaining(dataDir.toString()).hasMessageContaining("no-mirror").hasMessageContaining("--mirror-dir")
                .hasMessageNotContaining("\n");
    }

    @Test
    void existingDirectoryThatIsNotADatasetIsNeverOverwritten(@TempDir Path dir) throws Exception {
        Path dataDir = Files.createDirectories(dir.resolve("data"));
        Files.writeString(dataDir.resolve("notes.txt"), "mine");
        assertThatThrownBy(() -> fetcher.ensureAvailable(new FetchOptions(dataDir, MIRROR, URI.create("http://127.0.0.1:9/"), "")))
                .hasMessageContaining(dataDir.toString()).hasMessageContaining("not a usable dataset");
        assertThat(Files.readString(dataDir.resolve("notes.txt"))).isEqualTo("mine");
    }

    @Test
    void defaultsFollowTheLauncherHome() {
        assertThat(FetchOptions.defaults(Map.of("SIGNDIGITS_HOME", "/opt/app")).mirrorDir())
                .isEqualTo(Path.of("/opt/shared/datasets/sign-language-digits"));
        assertThat(FetchOptions.defaults(Map.of()).mirrorDir()).isEqualTo(Path.of("../shared/datasets/sign-language-digits"));
        assertThat(FetchOptions.defaults(Map.of()).dataDir()).isEqualTo(Path.of("data/raw/sign-language-digits"));
    }

    /** A zip laid out like GitHub's archive of the dataset repository, with three real photos. */
    private static byte[] archive(Map<String, String> extra) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(TOP));
            zip.closeEntry();
            for (String file : List.of("0/IMG_1118.JPG", "1/IMG_1119.JPG", "2/IMG_1120.JPG")) {
                zip.putNextEntry(new ZipEntry(TOP + "Dataset/" + file));
                zip.write(Files.readAllBytes(MIRROR.resolve(file)));
                zip.closeEntry();
            }
            zip.putNextEntry(new ZipEntry(TOP + "LICENSE"));
            zip.write(Files.readAllBytes(MIRROR.resolve("LICENSE")));
            zip.closeEntry();
            for (Map.Entry<String, String> e : extra.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
