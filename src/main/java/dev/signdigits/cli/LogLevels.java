package dev.signdigits.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Switches our own loggers to DEBUG for --verbose. */
final class LogLevels {
    private LogLevels() {}

    static void enableDebug() {
        if (LoggerFactory.getLogger("dev.signdigits") instanceof Logger logger) {
            logger.setLevel(Level.DEBUG);
        }
    }
}
