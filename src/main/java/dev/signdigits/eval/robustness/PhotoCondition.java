package dev.signdigits.eval.robustness;

/**
 * One condition of the robustness section.
 *
 * @param name        e.g. "grayscale", as the report shows it
 * @param description how the photos are changed, in one line
 * @param seeded      whether the change draws random numbers (the description then names the seed)
 * @param change      the change itself
 */
public record PhotoCondition(String name, String description, boolean seeded, PhotoChange change) {}
