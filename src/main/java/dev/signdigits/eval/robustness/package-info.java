/**
 * The robustness section of an evaluation: the evaluated photos changed the ways users' photos
 * differ from the dataset (grey, blurred, dim, another background, small and turned in a phone-like
 * frame), each change a seeded, deterministic function of a photo and its index, and every model
 * behind the answer scored on each changed set. The backgrounds here are drawn by this package's
 * own generator, not training's, so the section does not measure training on its own distribution.
 */
package dev.signdigits.eval.robustness;
