package dev.signdigits.model.backbone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signdigits.SignDigitsException;
import dev.signdigits.system.NativeSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.signdigits.model.SampleImages;
import dev.signdigits.model.TestBackbones;

/** Local copy, then the ../shared mirror, then the download; each copy verified. */
class PretrainedBackbonesTest {
    private static final String NAME = "mobilenet_v1_0.25_128";
    private static final PretrainedBackbones.Source SOURCE = PretrainedBackbones.catalogue().get(NAME);
    private static final WeightsDownloader NO_DOWNLOAD = (url, target, sha) -> {
        throw new AssertionError("no download expected, asked for " + url);
    };

    @TempDir
    Path tmp;

    @BeforeAll
    static void engine() {
        NativeSetup.beforeFirstDjlCall();
    }

    private PretrainedBackbones.Locations noMirror() {
        return new PretrainedBackbones.Locations(tmp.resolve("models"), tmp.resolve("home"));
    }

    @Test
    void importsFromTheSharedMirrorOnceAndThenReusesTheImport() throws IOException {
        var where = new PretrainedBackbones.Locations(tmp.resolve("models"), Path.of("."));

        Path dir = PretrainedBackbones.ensureImported(NAME, where, NO_DOWNLOAD);
        FileTime written = Files.getLastModifiedTime(dir.resolve("parameters.params"));
        Path again = PretrainedBackbones.ensureImported(NAME, where, NO_DOWNLOAD);

        assertThat(dir).isEqualTo(tmp.resolve("models/raw/" + NAME));
        assertThat(BackboneStore.readMetadata(dir).sourceSha256()).isEqualTo(SOURCE.sha256());
        assertThat(again).isEqualTo(dir);
        assertThat(Files.getLastModifiedTime(again.resolve("parameters.params"))).isEqualTo(written);
    }

    @Test
    void downloadsWhenNoVerifiedCopyExists() {
        List<URI> asked = new ArrayList<>();
        WeightsDownloader fromShared = (url, target, sha) -> {
            asked.add(url);
            assertThat(sha).isEqualTo(SOURCE.sha256());
            copy(TestBackbones.V1_QUARTER, target);
        };

        Path dir = PretrainedBackbones.ensureImported(NAME, noMirror(), fromShared);

        assertThat(asked).containsExactly(URI.create(
                "https://raw.githubusercontent.com/google-coral/test_data/master/mobilenet_v1_0.25_128_quant.tflite"));
        assertThat(Files.isRegularFile(tmp.resolve("models/raw/" + SOURCE.file()))).isTrue();
        assertThat(BackboneStore.readMetadata(dir).name()).isEqualTo(NAME);
    }

    @Test
    void ignoresALocalCopyWithTheWrongChecksum() throws IOException {
        Path local = Files.createDirectories(tmp.resolve("models/raw")).resolve(SOURCE.file());
        Files.writeString(local, "half a download");
        List<URI> asked = new ArrayList<>();

        PretrainedBackbones.ensureImported(NAME, noMirror(), (url, target, sha) -> {
            asked.add(url);
            copy(TestBackbones.V1_QUARTER, target);
        });

        assertThat(asked).hasSize(1);
    }

    @Test
    void failsClearlyWhenTheDownloadIsNotTheExpectedFile() {
        WeightsDownloader wrong = (url, target, sha) -> copy(SampleImages.PRETRAINED.resolve("imagenet_labels.txt"), target);

        assertThatThrownBy(() -> PretrainedBackbones.ensureImported(NAME, noMirror(), wrong))
                .isInstanceOf(SignDigitsException.class)
                .hasMessageContaining("left no file with SHA-256 " + SOURCE.sha256());
    }

    @Test
    void reimportsWhenTheImportCameFromAnotherFile() throws IOException {
        var where = new PretrainedBackbones.Locations(tmp.resolve("models"), Path.of("."));
        Path dir = PretrainedBackbones.ensureImported(NAME, where, NO_DOWNLOAD);
        String json = Files.readString(dir.resolve("metadata.json")).replace(SOURCE.sha256(), "0".repeat(64));
        Files.writeString(dir.resolve("metadata.json"), json);

        PretrainedBackbones.ensureImported(NAME, where, NO_DOWNLOAD);

        assertThat(BackboneStore.readMetadata(dir).sourceSha256()).isEqualTo(SOURCE.sha256());
    }

    @Test
    void refusesAnUnknownNameThatWasNeverImported() {
        assertThatThrownBy(() -> PretrainedBackbones.ensureImported("resnet50", noMirror(), NO_DOWNLOAD))
                .isInstanceOf(SignDigitsException.class)
                .hasMessageContaining("Unknown backbone 'resnet50'")
                .hasMessageContaining("mobilenet_v1_1.0_224")
                .hasMessageContaining("--name resnet50");
    }

    @Test
    void theCatalogueChecksumsMatchTheSharedFiles() {
        PretrainedBackbones.catalogue().values().forEach(source ->
                assertThat(dev.signdigits.io.Sha256.of(SampleImages.PRETRAINED.resolve(source.file())))
                        .as(source.file()).isEqualTo(source.sha256()));
        assertThat(PretrainedBackbones.catalogue()).containsKey(PretrainedBackbones.DEFAULT);
    }

    private static void copy(Path from, Path to) {
        try {
            Files.createDirectories(to.getParent());
            Files.copy(from, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
