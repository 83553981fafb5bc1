package dev.signdigits.cli;

import dev.signdigits.predict.ConfidenceFloor;
import picocli.CommandLine.Option;

/**
 * {@code --min-confidence} of predict, serve and batch: one option, so that its description and
 * default ({@link ConfidenceFloor#DEFAULT_MIN_CONFIDENCE}) are the same in every command and in
 * {@code SIGNDIGITS_MIN_CONFIDENCE}.
 */
public final class MinConfidenceOption {

    @Option(names = ConfidenceFloor.OPTION, defaultValue = ConfidenceFloor.DEFAULT_TEXT, paramLabel = "P",
            description = "Answers whose most probable digit has a probability below P are 'not sure': no digit, the"
                    + " best guesses still listed. The probabilities are calibrated on the validation split, so about"
                    + " a share P of the answers given with confidence P are right. 0 turns it off; below 1."
                    + " Default: ${DEFAULT-VALUE}.")
    double value;

    /** The floor, or a one-sentence error naming the option and the value. */
    ConfidenceFloor floor() {
        return ConfidenceFloor.of(value);
    }
}
