/**
 * Compatibility with what earlier versions wrote: a model directory made by version 0.1 kept as a
 * fixture under {@code src/test/resources/fixtures/}, which every later version must still load
 * and classify identically.
 */
package dev.signdigits.compat;
