package dev.signdigits.predict;

import java.util.List;

/**
 * The answer for one photo: the top-k digits with probabilities, or the reason it could not be read.
 *
 * @param file  the path as the user gave it
 * @param topK  most probable first; empty when {@code error} is set
 * @param error one sentence, or null
 */
public record PhotoPrediction(String file, List<LabelProbability> topK, String error) {

    public static PhotoPrediction of(String file, float[] probabilities, List<String> labels, int k) {
        return new PhotoPrediction(file, Ranking.top(probabilities, labels, k), null);
    }

    public static PhotoPrediction failed(String file, String error) {
        return new PhotoPrediction(file, List.of(), error);
    }

    public boolean ok() {
        return error == null;
    }

    public String digit() {
        return ok() ? topK.get(0).label() : null;
    }

    public double confidence() {
        return ok() ? topK.get(0).probability() : Double.NaN;
    }
}
