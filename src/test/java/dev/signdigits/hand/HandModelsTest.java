package dev.signdigits.hand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signdigits.SignDigitsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding the model files, and clear environment errors when they are missing or damaged. */
class HandModelsTest {
    @TempDir
    Path tmp;

    @Test
    void usesTheMirrorWhenThereIsNoLocalCopyAndIgnoresADamagedLocalCopy() throws IOException {
        HandModels.Locations where = new HandModels.Locations(tmp.resolve("models"), Path.of("."));
        assertThat(HandModels.locate(HandModels.Variant.LITE, where, HandModelsTest::offline).palmDetector())
                .isEqualTo(where.mirror(HandModels.PALM_LITE));
        Path local = where.local(HandModels.LANDMARK_LITE);
        Files.createDirectories(local.getParent());
        Files.write(local, new byte[] {1, 2, 3});
        assertThat(HandModels.locate(HandModels.LANDMARK_LITE, where, HandModelsTest::offline))
                .isEqualTo(where.mirror(HandModels.LANDMARK_LITE));
        Files.copy(where.mirror(HandModels.LANDMARK_LITE), local, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(HandModels.locate(HandModels.LANDMARK_LITE, where, HandModelsTest::offline)).isEqualTo(local);
    }

    @Test
    void aDirectoryWithoutTheFullLandmarkModelServesNoRefiningLocatorAndSaysWhichFileToAdd() throws IOException {
        HandModels.Locations where = new HandModels.Locations(tmp.resolve("models"), Path.of("."));
        Path dir = Files.createDirectories(tmp.resolve("lite-only"));
        for (HandModels.ModelFile f : List.of(HandModels.PALM_LITE, HandModels.LANDMARK_LITE)) {
            Files.copy(where.mirror(f), dir.resolve(f.file()));
        }
        HandModels.ModelPaths lite = HandModels.inDirectory(dir, HandModels.Variant.LITE);
        // without refinement the two files are enough
        HandLocator.open(lite, HandLocator.Settings.DEFAULT.withRefinement(Refinement.NONE)).close();
        assertThatThrownBy(() -> HandLocator.open(lite, HandLocator.Settings.DEFAULT))
                .isInstanceOfSatisfying(SignDigitsException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(SignDigitsException.ENVIRONMENT);
                    assertThat(e.getMessage()).contains(dir.resolve("hand_landmark_full.tflite").toString())
                            .contains(HandModels.LANDMARK_FULL.url().toString());
                });
        Files.copy(where.mirror(HandModels.LANDMARK_FULL), dir.resolve(HandModels.LANDMARK_FULL.file()));
        HandModels.ModelPaths three = HandModels.inDirectory(dir, HandModels.Variant.LITE);
        assertThat(three.refiner()).isEqualTo(dir.resolve(HandModels.LANDMARK_FULL.file()));
        HandLocator.open(three, HandLocator.Settings.DEFAULT).close();
        // the search and download path finds it with the variant's pair
        assertThat(HandModels.locate(HandModels.Variant.LITE, where, HandModelsTest::offline).refiner())
                .isEqualTo(where.mirror(HandModels.LANDMARK_FULL));
        // a locator that does not refine (--hand-locator fast, older models) never asks for the full model
        HandModels.Locations liteOnly = new HandModels.Locations(tmp.resolve("lite-models"), tmp.resolve("no-home"));
        for (HandModels.ModelFile f : List.of(HandModels.PALM_LITE, HandModels.LANDMARK_LITE)) {
            Files.createDirectories(liteOnly.local(f).getParent());
            Files.copy(where.mirror(f), liteOnly.local(f));
        }
        List<String> asked = new ArrayList<>();
        HandModels.ModelPaths plain = HandModels.locate(HandModels.Variant.LITE, liteOnly, (url, target, sha) -> {
            asked.add(url.toString());
            offline(url, target, sha);
        }, Refinement.NONE);
        assertThat(asked).isEmpty();
        HandLocator.open(plain, HandLocator.Settings.DEFAULT.withRefinement(Refinement.NONE)).close();
        assertThatThrownBy(() -> HandModels.locate(HandModels.Variant.LITE, liteOnly, HandModelsTest::offline,
                Refinement.FULL_MIRRORED)).isInstanceOfSatisfying(SignDigitsException.class,
                        e -> assertThat(e.getMessage()).contains("hand_landmark_full.tflite", "is missing"));
    }

    @Test
    void aModelFoundNowhereIsAnEnvironmentErrorNamingTheFileAndWhereToGetIt() {
        HandModels.Locations nowhere = new HandModels.Locations(tmp.resolve("models"), tmp.resolve("home"));
        List<String> asked = new ArrayList<>();
        assertThatThrownBy(() -> HandModels.locate(HandModels.Variant.FULL, nowhere, (url, target, sha) -> {
            asked.add(url + " " + sha);
            offline(url, target, sha);
        }))
                .isInstanceOfSatisfying(SignDigitsException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(SignDigitsException.ENVIRONMENT);
                    assertThat(e.getMessage()).contains("palm_detection_full.tflite", "is missing",
                            "https://storage.googleapis.com/mediapipe-assets/palm_detection_full.tflite",
                            nowhere.local(HandModels.PALM_FULL).toString());
                });
        assertThat(asked).containsExactly(HandModels.PALM_FULL.url() + " " + HandModels.PALM_FULL.sha256());
    }

    @Test
    void aFileTheRuntimeCannotLoadOrOfTheWrongKindIsAnEnvironmentErrorNamingIt() throws IOException {
        Path garbage = tmp.resolve("hand_landmark_full.tflite");
        Files.write(garbage, "not a flatbuffer at all, just text".getBytes());
        HandModels.ModelPaths real = HandTestData.models(HandModels.Variant.LITE);
        assertThatThrownBy(() -> HandLocator.open(new HandModels.ModelPaths(HandModels.Variant.FULL, real.palmDetector(), garbage),
                HandLocator.Settings.DEFAULT))
                .isInstanceOfSatisfying(SignDigitsException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(SignDigitsException.ENVIRONMENT);
                    assertThat(e.getMessage()).startsWith("Hand model " + garbage + " is not usable")
                            .contains("https://storage.googleapis.com/mediapipe-assets/hand_landmark_full.tflite");
                });
        // the palm detector where the landmark model belongs: loadable, but the wrong outputs
        assertThatThrownBy(() -> HandLocator.open(new HandModels.ModelPaths(HandModels.Variant.LITE, real.palmDetector(),
                real.palmDetector()), HandLocator.Settings.DEFAULT))
                .isInstanceOfSatisfying(SignDigitsException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(SignDigitsException.ENVIRONMENT);
                    assertThat(e.getMessage()).contains("palm_detection_lite.tflite", "2 outputs, not 4");
                });
    }

    @Test
    void variantsParseByName() {
        assertThat(HandModels.Variant.parse(" Lite ")).isEqualTo(HandModels.Variant.LITE);
        assertThatThrownBy(() -> HandModels.Variant.parse("huge")).isInstanceOf(SignDigitsException.class)
                .hasMessageContaining("'huge'");
    }

    private static void offline(java.net.URI url, Path target, String sha256) {
        throw new SignDigitsException("Download of " + url + " failed (unknown host): check the network connection and the URL.",
                SignDigitsException.ENVIRONMENT, null);
    }
}
