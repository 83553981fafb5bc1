/**
 * Getting the dataset onto the machine: an existing copy, the offline mirror, or the public
 * archive, always built in a temporary directory and renamed into place.
 */
package dev.signdigits.data.fetch;
