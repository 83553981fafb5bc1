/** Looking at a dataset: statistics (text and JSON) and a labelled preview grid. */
package dev.signdigits.data.report;
