package dev.signdigits.model.backbone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import dev.signdigits.SignDigitsException;
import dev.signdigits.system.NativeSetup;
import dev.signdigits.io.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.signdigits.model.LayerStack;
import dev.signdigits.model.MobileNetSpec;
import dev.signdigits.model.MobileNets;
import dev.signdigits.model.Preprocessing;
import dev.signdigits.model.TestBackbones;

/** models/raw/<name>/ as written by the importer, read back, and every way it can be wrong. */
class ImportedBackboneTest {
    @TempDir
    static Path models;
    static Path imported;

    @TempDir
    Path tmp;

    @BeforeAll
    static void importOnce() {
        NativeSetup.beforeFirstDjlCall();
        imported = TestBackbones.importV1Quarter(models);
    }

    @Test
    void writesParametersAndMetadataUnderTheSpecName() throws IOException {
        assertThat(imported).isEqualTo(models.resolve("raw").resolve("mobilenet_v1_0.25_128"));
        try (Stream<Path> files = Files.list(imported)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("metadata.json", "parameters.params");
        }
        try (Stream<Path> siblings = Files.list(imported.getParent())) {
            assertThat(siblings.map(p -> p.getFileName().toString())).containsExactly("mobilenet_v1_0.25_128");
        }
        BackboneMetadata m = BackboneStore.readMetadata(imported);
        assertThat(m.architecture()).isEqualTo(MobileNetSpec.V1);
        assertThat(m.width()).isEqualTo(0.25f);
        assertThat(m.inputSize()).isEqualTo(128);
        assertThat(m.numClasses()).isEqualTo(1001);
        assertThat(m.preprocessing()).isEqualTo(new Preprocessing("RGB", "NCHW", 128f, 128f));
        assertThat(m.sourceFile()).isEqualTo(TestBackbones.V1_QUARTER.getFileName().toString());
        assertThat(m.sourceSha256()).isEqualTo(Sha256.of(TestBackbones.V1_QUARTER));
        assertThat(m.parametersSha256()).isEqualTo(Sha256.of(imported.resolve("parameters.params")));
        assertThat(m.layers()).isEqualTo(LayerStack.names(MobileNets.classifier(m.spec(), 1001, 0f)));
        assertThat(m.importedAt()).isNotBlank();
    }

    @Test
    void loadsTheNetworkWithItsBackboneCutBeforeThePooling() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ImportedBackbone backbone = ImportedBackbone.load(imported, manager);

            assertThat(backbone.spec()).isEqualTo(new MobileNetSpec(MobileNetSpec.V1, 0.25f, 128));
            assertThat(backbone.layers()).hasSize(88);
            assertThat(backbone.backbone()).hasSize(85);
            assertThat(backbone.backbone().get(84).name()).isEqualTo("conv_pw_13_relu");
            assertThat(backbone.preprocessing().mean()).isEqualTo(128f);
            assertThat(backbone.block().isInitialized()).isTrue();
        }
    }

    private Path copy() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("copy"));
        try (Stream<Path> files = Files.list(imported)) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return dir;
    }

    private static void load(Path dir) {
        try (NDManager manager = NDManager.newBaseManager()) {
            ImportedBackbone.load(dir, manager);
        }
    }

    @Test
    void refusesADirectoryWithoutMetadata() {
        Path empty = tmp.resolve("nothing");

        assertThatThrownBy(() -> load(empty))
                .isInstanceOf(SignDigitsException.class)
                .hasMessage("No backbone at " + empty + ": metadata.json is missing; import one with"
                        + " 'signdigits model import --tflite FILE'.");
    }

    @Test
    void refusesForeignMetadata() throws IOException {
        Path dir = copy();
        Files.writeString(dir.resolve("metadata.json"), "{\"format\": \"signdigits-finetuned-model\", \"formatVersion\": 1}");

        assertThatThrownBy(() -> load(dir)).hasMessageContaining("is not signdigits backbone metadata (format 'signdigits-finetuned-model'");
    }

    @Test
    void refusesMetadataThatIsNotJson() throws IOException {
        Path dir = copy();
        Files.writeString(dir.resolve("metadata.json"), "<html>");

        assertThatThrownBy(() -> load(dir)).hasMessageContaining("is not valid JSON");
    }

    @Test
    void refusesANewerFormatVersion() throws IOException {
        Path dir = copy();
        String json = Files.readString(dir.resolve("metadata.json")).replace("\"formatVersion\" : 1", "\"formatVersion\" : 2");
        Files.writeString(dir.resolve("metadata.json"), json);

        assertThatThrownBy(() -> load(dir)).hasMessageContaining("has format version 2 but this signdigits reads version 1");
    }

    @Test
    void detectsDamagedParameters() throws IOException {
        Path dir = copy();
        byte[] params = Files.readAllBytes(dir.resolve("parameters.params"));
        params[params.length / 2] ^= 1;
        Files.write(dir.resolve("parameters.params"), params);

        assertThatThrownBy(() -> load(dir)).hasMessageContaining("does not match the checksum in metadata.json");
    }

    @Test
    void detectsParametersOfAnotherWidth() throws IOException {
        Path dir = copy();
        // same layer names, other width: DJL would load the arrays without complaint
        String json = Files.readString(dir.resolve("metadata.json")).replace("\"width\" : 0.25", "\"width\" : 0.5")
                .replace("\"featureChannels\" : 256", "\"featureChannels\" : 512");
        Files.writeString(dir.resolve("metadata.json"), json);

        assertThatThrownBy(() -> load(dir))
                .hasMessageContaining("does not fit the mobilenet_v1_0.5_128 network")
                .hasMessageContaining("conv1 weight has shape (8, 3, 3, 3) instead of (16, 3, 3, 3)");
    }

    @Test
    void detectsParametersOfAnotherArchitecture() throws IOException {
        Path dir = copy();
        String json = Files.readString(dir.resolve("metadata.json")).replace("\"mobilenet_v1\"", "\"mobilenet_v2\"");
        Files.writeString(dir.resolve("metadata.json"), json);

        assertThatThrownBy(() -> load(dir)).hasMessageContaining("lists layers that this signdigits does not build");
    }

    @Test
    void refusesMissingParameters() throws IOException {
        Path dir = copy();
        Files.delete(dir.resolve("parameters.params"));

        assertThatThrownBy(() -> load(dir)).hasMessageContaining("has no parameters.params");
    }
}
