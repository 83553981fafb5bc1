package dev.signdigits.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import dev.signdigits.system.NativeSetup;
import dev.signdigits.model.backbone.ImportedBackbone;
import dev.signdigits.model.backbone.PretrainedBackbones;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The peer benchmark's training work on real photos and the smallest real backbone: both workloads
 * read, decode and augment every photo, train (a finite loss near ln 10 for a new 10-class head), and
 * time each phase.
 */
@Tag("slow")
class TrainingWorkloadsTest {
    private static final Path MIRROR = Path.of("..", "shared", "datasets", "sign-language-digits");
    private static final int PHOTOS = 12;

    @TempDir
    static Path models;

    @BeforeAll
    static void engine() {
        NativeSetup.beforeFirstDjlCall();
    }

    @Test
    void frozenTrunkEpochExtractsThenFitsTheTail() throws IOException {
        TrainingWorkloads.Timing timing = run(20);
        assertThat(timing.images()).isEqualTo(PHOTOS);
        assertThat(timing.seconds()).containsOnlyKeys("extract", "fit");
        assertThat(timing.seconds().values()).allMatch(s -> s > 0 && s < 600);
        assertThat(timing.meanLoss()).isBetween(0.5, 6.0);
        assertThat(timing.threadCpuSeconds()).isPositive();
    }

    @Test
    void everyLayerEpochTrainsOnDecodedPhotos() throws IOException {
        TrainingWorkloads.Timing timing = run(-1);
        assertThat(timing.images()).isEqualTo(PHOTOS);
        assertThat(timing.seconds()).containsOnlyKeys("fit");
        assertThat(timing.total()).isPositive();
        assertThat(timing.meanLoss()).isBetween(0.5, 6.0);
    }

    /** fineTuneLayers > 0: the frozen-trunk workload; -1: every layer. */
    private static TrainingWorkloads.Timing run(int fineTuneLayers) throws IOException {
        List<Path> files = new ArrayList<>();
        int[] labels = new int[PHOTOS];
        for (int i = 0; i < PHOTOS; i++) {
            int digit = i % 10;
            try (Stream<Path> photos = Files.list(MIRROR.resolve(Integer.toString(digit)))) {
                files.add(photos.filter(p -> p.toString().endsWith(".JPG")).sorted().skip(i / 10).findFirst().orElseThrow());
            }
            labels[i] = digit;
        }
        TrainingConfig config = new TrainingConfig(MIRROR, models.resolve("split.csv"), models, "mobilenet_v1_0.25_128",
                96, Math.max(fineTuneLayers, 20), 1, 32, 5e-4f, 1e-4f, 0.3f, 0f, 1, true, 8, 3, false, 2);
        ExecutorService workers = Executors.newFixedThreadPool(2);
        try (NDManager manager = NDManager.newBaseManager()) {
            ImportedBackbone backbone = ImportedBackbone.load(
                    PretrainedBackbones.ensureImported(models, config.backbone()), manager);
            TrainingWorkloads workloads = new TrainingWorkloads(config, backbone, manager, workers);
            return fineTuneLayers > 0 ? workloads.frozenTrunkEpoch(files, labels) : workloads.fullNetworkEpoch(files, labels);
        } finally {
            workers.shutdownNow();
        }
    }
}
