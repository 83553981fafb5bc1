package dev.signdigits.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * Switches our own loggers to DEBUG for --verbose. Only where logback is the logging backend: the
 * Spark batch job runs the CLI on Spark's log4j2, without logback on the class path.
 */
final class LogLevels {
    private static final boolean LOGBACK = isPresent("ch.qos.logback.classic.Logger");

    private LogLevels() {}

    static void enableDebug() {
        if (LOGBACK && LoggerFactory.getLogger("dev.signdigits") instanceof Logger logger) {
            logger.setLevel(Level.DEBUG);
        }
    }

    private static boolean isPresent(String className) {
        try {
            Class.forName(className, false, LogLevels.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
