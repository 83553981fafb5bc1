/**
 * Train/validation/test splits: a seeded planner that keeps photo sessions (groups) whole while
 * balancing every class, and the CSV manifest that records the result with its provenance.
 */
package dev.signdigits.data.split;
