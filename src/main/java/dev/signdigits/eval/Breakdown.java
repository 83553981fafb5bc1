package dev.signdigits.eval;

import java.util.List;

/**
 * What goes with an evaluation beyond the served answer's numbers: each model behind the answer
 * (image, hand shape, served) on the evaluated photos, and the robustness section: the same
 * photos changed the ways the world changes them (grey, blurred, dark, another background, a
 * phone-like frame), per model. Empty for models and calls that have neither.
 *
 * @param models     per model on the photos as they are
 * @param robustness per condition; empty when not measured
 */
public record Breakdown(List<ModelAccuracy> models, List<Condition> robustness) {
    public static final Breakdown NONE = new Breakdown(List.of(), List.of());

    public Breakdown {
        models = List.copyOf(models);
        robustness = List.copyOf(robustness);
    }

    public boolean isEmpty() {
        return models.isEmpty() && robustness.isEmpty();
    }

    /**
     * One condition of the robustness section.
     *
     * @param name        e.g. "as is", "grayscale", "background-replaced"
     * @param description how the photos were changed, in one line
     * @param photos      photos in the set
     * @param handsFound  photos in which the locator found a hand (all of them for a whole-photo model)
     * @param models      per model, on the photos with a hand
     */
    public record Condition(String name, String description, int photos, int handsFound, List<ModelAccuracy> models) {
        public Condition {
            models = List.copyOf(models);
        }

        /** The served model's accuracy over every photo, a photo without a found hand counted as wrong. */
        public double servedOverall() {
            for (ModelAccuracy m : models) {
                if (m.model().equals(ModelAccuracy.SERVED)) {
                    return photos == 0 ? 0 : m.correct() / (double) photos;
                }
            }
            return 0;
        }
    }
}
