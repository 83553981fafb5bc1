package dev.signdigits.data.split;

/** A manifest ready to write and the summary of how it was made. */
public record SplitPlan(SplitManifest manifest, SplitSummary summary) {}
