package dev.signdigits.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code signdigits} CLI of this checkout ({@code target/signdigits.jar}, which the root
 * build packages before it builds this module), run as a child process: it trains and exports the
 * test model and is the {@code predict} the batch job must agree with. PyTorch stays in that jar's
 * own class path, out of this module's.
 */
final class CoreCli {
    static final Path ROOT = Path.of(System.getProperty("signdigits.root", "..")).toAbsolutePath().normalize();
    static final Path JAR = ROOT.resolve("target/signdigits.jar");
    static final Path DATASET = ROOT.resolveSibling("shared").resolve("datasets/sign-language-digits");

    private CoreCli() {}

    /** What a run printed and returned. */
    record Result(int exitCode, String stdout, String stderr) {}

    static Result run(String... args) {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: build the core first (mvn -B verify at the root, or"
                    + " mvn -B -DskipTests package there before running these tests alone).");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx2g", "-jar", JAR.toString()));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("signdigits-cli", ".out");
            Path err = Files.createTempFile("signdigits-cli", ".err");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
                builder.environment().put("SIGNDIGITS_HOME", ROOT.toString()); // finds ../shared as the launcher does
                builder.environment().put("SIGNDIGITS_LOG_DIR", ROOT.resolve("spark/target/cli-logs").toString());
                Process process = builder.start();
                process.getOutputStream().close();
                if (!process.waitFor(15, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("signdigits " + String.join(" ", args) + " did not finish in 15 minutes");
                }
                return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs and insists on exit code 0. */
    static Result succeed(String... args) {
        Result result = run(args);
        if (result.exitCode() != 0) {
            throw new IllegalStateException("signdigits " + String.join(" ", args) + " exited with " + result.exitCode()
                    + ":\n" + result.stderr());
        }
        return result;
    }
}
