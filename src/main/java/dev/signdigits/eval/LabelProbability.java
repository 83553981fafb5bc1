package dev.signdigits.eval;

/** A class label with the probability the model gave it. */
public record LabelProbability(String label, double probability) {}
