package dev.signdigits.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Spark stays out of what the CLI and the server run from: target/signdigits.jar and target/lib. */
class PackagingTest {

    @Test
    void coreJarAndLibsCarryNoSpark() throws IOException {
        Path lib = CoreCli.ROOT.resolve("target/lib");
        List<String> jars;
        try (Stream<Path> files = Files.list(lib)) {
            jars = files.map(p -> p.getFileName().toString()).toList();
        }
        assertThat(jars).isNotEmpty().anyMatch(j -> j.startsWith("tensorflow-lite"))
                .noneMatch(j -> j.startsWith("spark-") || j.startsWith("scala-") || j.startsWith("hadoop-")
                        || j.startsWith("log4j-") || j.startsWith("parquet-"));
        try (JarFile jar = new JarFile(CoreCli.JAR.toFile())) {
            assertThat(jar.stream().map(e -> e.getName()))
                    .contains("dev/signdigits/cli/BatchCommand.class")
                    .noneMatch(n -> n.startsWith("org/apache/spark/") || n.startsWith("dev/signdigits/spark/"));
        }
    }
}
