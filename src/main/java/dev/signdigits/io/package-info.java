/**
 * File and network plumbing shared by everything: atomic writes (temp file, then rename), SHA-256,
 * and the one downloader (progress bar, checksum, temp file).
 *
 * <p>Uses the JDK only, besides {@code progress}.
 */
package dev.signdigits.io;
