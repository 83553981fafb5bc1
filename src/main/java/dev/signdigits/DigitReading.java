package dev.signdigits;

import java.util.List;

/**
 * What a model read in one photo: the digit, its probability, and every label ranked.
 *
 * @param digit       the most probable label ("0" to "9" for the sign-language digits)
 * @param probability that label's probability, between 0 and 1
 * @param ranked      every label of the model with its probability, most probable first (the
 *                    first is {@code digit}); ties keep the model's label order
 */
public record DigitReading(String digit, double probability, List<Candidate> ranked) {

    /**
     * Makes an unmodifiable copy of {@code ranked}.
     *
     * @param digit       the most probable label
     * @param probability that label's probability
     * @param ranked      every label with its probability, most probable first
     */
    public DigitReading {
        ranked = List.copyOf(ranked);
    }

    /**
     * One label and the probability the model gave it.
     *
     * @param label       a label of the model
     * @param probability between 0 and 1
     */
    public record Candidate(String label, double probability) {}
}
