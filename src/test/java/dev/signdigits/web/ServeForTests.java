package dev.signdigits.web;

import dev.signdigits.cli.ServeCommand;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import picocli.CommandLine;

/**
 * {@code signdigits serve} with the test classifier, for tests that need a real process (signals,
 * exit status). {@code -Dsigndigits.test.delayMs} makes every inference call that slow.
 */
public final class ServeForTests {
    private ServeForTests() {}

    public static void main(String[] args) {
        long delayMs = Long.getLong("signdigits.test.delayMs", 0);
        ClassifierLoader loader = delayMs > 0
                ? SlowClassifier.loader(Duration.ofMillis(delayMs), new CopyOnWriteArrayList<>())
                : TestModels.loader();
        System.exit(new CommandLine(new ServeCommand(loader)).execute(args));
    }
}
