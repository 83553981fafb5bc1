/**
 * Where settings come from: flag, then environment variable, then {@code .env}, then default
 * ({@link dev.signdigits.config.EnvironmentDefaults}), and the {@code .env} parser.
 *
 * <p>Uses the JDK only.
 */
package dev.signdigits.config;
