/**
 * How models are stored: a fine-tuned model directory ({@code model.json} + {@code model.params}) and
 * the metadata, file names, formats and quantizations of its exports. What a later version must still
 * read (see the fixture under src/test/resources/fixtures).
 *
 * <p>Uses {@code model} and {@code io}.
 */
package dev.signdigits.model.store;
