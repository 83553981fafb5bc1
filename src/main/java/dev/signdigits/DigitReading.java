package dev.signdigits;

import dev.signdigits.hand.HandResult;
import java.util.List;
import java.util.Optional;

/**
 * What a model read in one photo: the digit, its probability, and every label ranked; for a model
 * trained with the hand locator also where the hand was, or that there was none (then there is no
 * digit).
 *
 * @param digit       the most probable label ("0" to "9" for the sign-language digits), or null when
 *                    the hand locator found no hand
 * @param probability that label's probability, between 0 and 1 (NaN without a digit)
 * @param ranked      every label of the model with its probability, most probable first (the
 *                    first is {@code digit}); ties keep the model's label order; empty without a digit
 * @param hand        what the hand locator said ({@link HandResult.Found} with the box and landmarks,
 *                    or {@link HandResult.NoHand} with the reason); empty for a model that reads whole photos
 */
public record DigitReading(String digit, double probability, List<Candidate> ranked, Optional<HandResult> hand) {

    /**
     * A reading of a model that reads whole photos (no hand locator).
     *
     * @param digit       the most probable label
     * @param probability that label's probability
     * @param ranked      every label with its probability, most probable first
     */
    public DigitReading(String digit, double probability, List<Candidate> ranked) {
        this(digit, probability, ranked, Optional.empty());
    }

    /**
     * Makes an unmodifiable copy of {@code ranked}.
     *
     * @param digit       the most probable label
     * @param probability that label's probability
     * @param ranked      every label with its probability, most probable first
     * @param hand        the hand locator's answer, or empty
     */
    public DigitReading {
        ranked = List.copyOf(ranked);
        hand = hand == null ? Optional.empty() : hand;
    }

    /**
     * Whether the photo shows a digit the model read: false only when the hand locator found no hand.
     *
     * @return true when {@code digit} is set
     */
    public boolean hasDigit() {
        return digit != null;
    }

    /**
     * One label and the probability the model gave it.
     *
     * @param label       a label of the model
     * @param probability between 0 and 1
     */
    public record Candidate(String label, double probability) {}
}
