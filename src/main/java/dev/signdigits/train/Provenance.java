package dev.signdigits.train;

import ai.djl.engine.Engine;
import dev.signdigits.system.NativeSetup;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Versions, source revision and machine facts recorded with every model. */
final class Provenance {
    private Provenance() {}

    static Map<String, String> environment() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("signdigits_version", version());
        m.put("git_commit", gitCommit());
        m.put("djl_version", Engine.getDjlVersion());
        m.put("engine", Engine.getInstance().getEngineName() + " " + Engine.getInstance().getVersion());
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        m.put("cpus", Integer.toString(Runtime.getRuntime().availableProcessors()));
        m.put("torch_threads", NativeSetup.threads());
        return m;
    }

    static String version() {
        String v = Provenance.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** The project's git commit (with "-dirty" for local changes), or "unknown" outside a checkout. */
    static String gitCommit() {
        String home = System.getenv("SIGNDIGITS_HOME");
        Path dir = Path.of(home == null || home.isBlank() ? "." : home);
        try {
            String commit = run(dir, "git", "rev-parse", "HEAD");
            String dirty = run(dir, "git", "status", "--porcelain", "--untracked-files=no");
            return commit.isEmpty() ? "unknown" : commit + (dirty.isEmpty() ? "" : "-dirty");
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private static String run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(false).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            return "";
        }
        return out;
    }

}
