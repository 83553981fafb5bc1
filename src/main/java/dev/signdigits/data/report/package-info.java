/** Looking at a dataset: statistics (text and JSON, with the photos in which no hand is found) and a labelled preview grid. Sits above {@code hand}. */
package dev.signdigits.data.report;
