package dev.signdigits.shape;

import dev.signdigits.image.ImageDecoder;
import dev.signdigits.predict.DigitClassifiers;
import dev.signdigits.predict.PhotoPrediction;
import dev.signdigits.predict.PhotoPredictor;
import dev.signdigits.runtime.DigitClassifier;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Not a test: what a confidence floor ({@code --min-confidence}) does on labelled photo folders:
 * for each floor, the share of photos with a hand that still get a digit and the accuracy of those
 * answers (the rest are "not sure"). For choosing and documenting the default (docs/performance.md).
 *
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat target/test-classpath.txt) dev.signdigits.shape.ConfidenceMeasure \
 *     MODEL_DIR RUNTIME SET_DIR...
 * </pre>
 */
public final class ConfidenceMeasure {
    private static final double[] FLOORS = {0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};

    private ConfidenceMeasure() {}

    public static void main(String[] args) throws IOException {
        try (DigitClassifier classifier = DigitClassifiers.open(args[1], Path.of(args[0]));
             PhotoPredictor predictor = new PhotoPredictor(classifier, new ImageDecoder(), 16)) {
            StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-26s", "set: answered / accuracy"));
            for (double f : FLOORS) {
                head.append(String.format(Locale.ROOT, " %15s", "floor " + f));
            }
            System.out.println(head);
            for (int a = 2; a < args.length; a++) {
                Path set = Path.of(args[a]);
                List<Path> files = new ArrayList<>();
                try (Stream<Path> walk = Files.walk(set)) {
                    walk.filter(Files::isRegularFile).sorted().forEach(files::add);
                }
                List<PhotoPrediction> predictions = predictor.predict(files, 1);
                StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-26s", set.getFileName()));
                for (double floor : FLOORS) {
                    int answered = 0;
                    int right = 0;
                    int withHand = 0;
                    for (int i = 0; i < files.size(); i++) {
                        PhotoPrediction p = predictions.get(i);
                        if (!p.ok() || p.topK().isEmpty()) {
                            continue;
                        }
                        withHand++;
                        double confidence = p.topK().get(0).probability();
                        if (confidence >= floor) {
                            answered++;
                            right += p.topK().get(0).label().equals(files.get(i).getParent().getFileName().toString()) ? 1 : 0;
                        }
                    }
                    row.append(String.format(Locale.ROOT, " %6.1f%% %6.2f%%", 100.0 * answered / Math.max(1, withHand),
                            100.0 * right / Math.max(1, answered)));
                }
                System.out.println(row);
            }
        }
    }
}
