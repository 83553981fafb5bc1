package dev.signdigits.predict;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The answer for one photo: the top-k digits with probabilities, or the reason it could not be read.
 *
 * @param file  the path as the user gave it
 * @param topK  most probable first; empty when {@code error} is set
 * @param error one sentence, or null
 */
public record PhotoPrediction(String file, List<Ranked> topK, String error) {

    /** One digit and its probability. */
    public record Ranked(String digit, double probability) {}

    public static PhotoPrediction of(String file, float[] probabilities, List<String> labels, int k) {
        List<Ranked> ranked = new ArrayList<>();
        IntStream.range(0, probabilities.length).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> probabilities[i]).reversed().thenComparing(i -> i))
                .limit(Math.max(1, k))
                .forEach(i -> ranked.add(new Ranked(labels.get(i), probabilities[i])));
        return new PhotoPrediction(file, List.copyOf(ranked), null);
    }

    public static PhotoPrediction failed(String file, String error) {
        return new PhotoPrediction(file, List.of(), error);
    }

    public boolean ok() {
        return error == null;
    }

    public String digit() {
        return ok() ? topK.get(0).digit() : null;
    }

    public double confidence() {
        return ok() ? topK.get(0).probability() : Double.NaN;
    }
}
