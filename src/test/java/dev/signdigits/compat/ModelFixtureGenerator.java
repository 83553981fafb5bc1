package dev.signdigits.compat;

import dev.signdigits.image.ImageDecoder;
import dev.signdigits.io.AtomicFiles;
import dev.signdigits.runtime.DigitClassifier;
import dev.signdigits.predict.DigitClassifiers;
import dev.signdigits.runtime.TensorClassifier;
import dev.signdigits.testing.TinyModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Wrote the version-0.1 model fixture, once: trains the tiny model ({@link TinyModel}: MobileNet v1
 * 0.25 at 128 px), copies its model files into the fixture directory and records what the djl
 * runtime answers for {@link ModelFixture#PHOTOS} and the synthetic tensors in expected.csv. Not
 * run by the build: regenerating would defeat the fixture. A new format version gets a new
 * fixture directory next to this one.
 *
 * <pre>
 * mvn -B -o test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
 * java -Dai.djl.offline=true -cp target/test-classes:target/classes:$(cat target/test-classpath.txt) \
 *     dev.signdigits.compat.ModelFixtureGenerator src/test/resources/fixtures/model-v0.1
 * </pre>
 */
public final class ModelFixtureGenerator {
    private ModelFixtureGenerator() {}

    public static void main(String[] args) throws IOException {
        Path out = args.length > 0 ? Path.of(args[0]) : ModelFixture.DIR;
        if (Files.exists(out)) {
            throw new IllegalStateException(out + " exists: a fixture is written once; pick a new directory for a new version.");
        }
        Path model = TinyModel.dir();
        Path tmp = out.resolveSibling("." + out.getFileName() + ".tmp");
        AtomicFiles.deleteRecursively(tmp);
        Files.createDirectories(tmp);
        for (String file : ModelFixture.MODEL_FILES) {
            Files.copy(model.resolve(file), tmp.resolve(file));
        }
        Files.write(tmp.resolve(ModelFixture.EXPECTED), expectedCsv(tmp));
        Files.move(tmp, out);
        System.out.println("wrote " + out);
    }

    /** One row per input: its name, the top-1 label and every label's probability, one image per call. */
    private static List<String> expectedCsv(Path model) {
        List<String> rows = new ArrayList<>();
        ImageDecoder decoder = new ImageDecoder();
        try (DigitClassifier classifier = DigitClassifiers.open("djl", model)) {
            List<String> labels = classifier.info().labels();
            rows.add(ExpectedRow.header(labels));
            for (String photo : ModelFixture.PHOTOS) {
                float[] p = classifier.classify(List.of(decoder.decode(TinyModel.MIRROR.resolve(photo)).rgb())).get(0);
                rows.add(ExpectedRow.of(photo, labels, p).toCsv());
            }
            int size = classifier.info().inputSize();
            for (int seed : ModelFixture.TENSOR_SEEDS) {
                float[] p = ((TensorClassifier) classifier).classifyTensor(ModelFixture.tensor(seed, size), 1).get(0);
                rows.add(ExpectedRow.of(ModelFixture.tensorName(seed), labels, p).toCsv());
            }
        }
        return rows;
    }
}
