package dev.signdigits.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The product jar as {@code mvn package} wrote it (run by failsafe after the package phase): none
 * of the benchmark classes of src/bench/java (they ship in target/signdigits-bench.jar, built with
 * -Pbench), and no entry point but the CLI's. Classes are loaded from the jar and target/lib alone,
 * as the launcher runs them.
 */
class PackagingIT {
    private static final Path JAR = Path.of(System.getProperty("product.jar", "target/signdigits.jar"));
    private static final Path LIB = JAR.resolveSibling("lib");
    private static final Path BENCH_SOURCES = Path.of("src", "bench", "java");

    @Test
    void holdsNoBenchmarkClass() throws IOException {
        List<String> classes = classes();
        List<String> bench;
        try (Stream<Path> sources = Files.walk(BENCH_SOURCES)) {
            bench = sources.filter(p -> p.toString().endsWith(".java"))
                    .map(p -> BENCH_SOURCES.relativize(p).toString().replace(".java", "").replace('/', '.')).toList();
        }
        assertThat(bench).as("the benchmark sources").contains("dev.signdigits.train.PeerBenchmark",
                "dev.signdigits.predict.RuntimeBenchmark", "dev.signdigits.web.InProcessThroughput");
        assertThat(classes).as("classes in " + JAR).isNotEmpty()
                .noneMatch(c -> bench.stream().anyMatch(b -> c.equals(b) || c.startsWith(b + "$")));
    }

    @Test
    void hasNoEntryPointButTheCommandLine() throws Exception {
        List<URL> path = new ArrayList<>(List.of(JAR.toUri().toURL()));
        try (Stream<Path> libs = Files.list(LIB)) {
            for (Path lib : libs.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                path.add(lib.toUri().toURL());
            }
        }
        List<String> mains = new ArrayList<>();
        try (URLClassLoader loader = new URLClassLoader(path.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            for (String name : classes()) {
                Class<?> type = Class.forName(name, false, loader);
                assertThat(type.getClassLoader()).as(name).isSameAs(loader);
                for (Method method : type.getDeclaredMethods()) {
                    if (method.getName().equals("main") && Modifier.isStatic(method.getModifiers())
                            && Modifier.isPublic(method.getModifiers())
                            && List.of(method.getParameterTypes()).equals(List.of(String[].class))) {
                        mains.add(name);
                    }
                }
            }
        }
        assertThat(mains).containsExactly("dev.signdigits.cli.Main");
    }

    private static List<String> classes() throws IOException {
        assertThat(JAR).as("the product jar (mvn package)").isRegularFile();
        try (JarFile jar = new JarFile(JAR.toFile())) {
            return jar.stream().map(e -> e.getName())
                    .filter(n -> n.endsWith(".class") && !n.endsWith("module-info.class") && !n.startsWith("META-INF/"))
                    .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.')).sorted().toList();
        }
    }
}
