package dev.signdigits.predict;

import dev.signdigits.image.ImageDecoder;
import java.nio.file.Path;
import java.util.List;
import dev.signdigits.runtime.DigitClassifier;

/**
 * Run in a child JVM whose class path lacks DJL and PyTorch: opens {@code args[1]} with runtime
 * {@code args[0]}, classifies photo {@code args[2]} and prints the top digit.
 */
public final class RuntimeWithoutPyTorchMain {
    private RuntimeWithoutPyTorchMain() {}

    public static void main(String[] args) throws Exception {
        try {
            Class.forName("ai.djl.engine.Engine");
            System.out.println("DJL is on the class path");
            System.exit(3);
        } catch (ClassNotFoundException expected) {
            // the point of the exercise
        }
        try (DigitClassifier classifier = DigitClassifiers.open(args[0], Path.of(args[1]), 1)) {
            float[] p = classifier.classify(List.of(new ImageDecoder().decode(Path.of(args[2])).rgb())).get(0);
            int best = 0;
            for (int i = 1; i < p.length; i++) {
                best = p[i] > p[best] ? i : best;
            }
            System.out.println("digit " + classifier.info().labels().get(best) + " via " + classifier.info().runtime());
        }
    }
}
