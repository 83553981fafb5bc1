package dev.signdigits.predict;

/** A class label and the probability a model gave it; ranked lists of these are most probable first. */
public record LabelProbability(String label, double probability) {}
