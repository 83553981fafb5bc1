package dev.signdigits.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.signdigits.SignDigitsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsCsvTest {
    @TempDir
    Path dir;

    @Test
    void appendWritesHeaderAndOneRowPerEpochAndReadsBack() throws IOException {
        Path csv = dir.resolve(MetricsCsv.FILE_NAME);
        EpochMetrics one = new EpochMetrics(1, 2.1, 0.31, 1.9, 0.42, 1e-3, 12.5);
        EpochMetrics two = new EpochMetrics(2, 0.123456789012, 0.8, Double.NaN, Double.NaN, 5e-4, 11.0);

        MetricsCsv.append(csv, one);
        List<EpochMetrics> all = MetricsCsv.append(csv, two);

        assertThat(all).containsExactly(one, two);
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo(MetricsCsv.HEADER);
        assertThat(lines.get(1)).startsWith("1,2.1,0.31,");
        assertThat(MetricsCsv.read(csv)).containsExactly(one, two); // NaN and full precision survive
        assertThat(MetricsCsv.read(csv).get(1).hasValidation()).isFalse();
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(csv); // no temp files left behind
        }
    }

    @Test
    void appendingAnEpochAgainReplacesItsRow() {
        Path csv = dir.resolve(MetricsCsv.FILE_NAME);
        MetricsCsv.append(csv, new EpochMetrics(1, 1, 0.5, 1, 0.5, 0.1, 1));
        MetricsCsv.append(csv, new EpochMetrics(2, 0.9, 0.6, 0.9, 0.6, 0.1, 1));
        EpochMetrics redone = new EpochMetrics(2, 0.8, 0.7, 0.8, 0.7, 0.1, 1);

        MetricsCsv.append(csv, redone);

        assertThat(MetricsCsv.read(csv)).extracting(EpochMetrics::epoch).containsExactly(1, 2);
        assertThat(MetricsCsv.read(csv).get(1)).isEqualTo(redone);
    }

    @Test
    void damagedFilesGiveOneClearSentence() throws IOException {
        Path missing = dir.resolve("nope.csv");
        assertThatThrownBy(() -> MetricsCsv.read(missing))
                .isInstanceOf(SignDigitsException.class).hasMessageContaining("nope.csv").hasMessageContaining("does not exist");

        Path foreign = Files.writeString(dir.resolve("foreign.csv"), "a,b\n1,2\n");
        assertThatThrownBy(() -> MetricsCsv.read(foreign))
                .isInstanceOf(SignDigitsException.class).hasMessageContaining("header");

        Path broken = Files.writeString(dir.resolve("broken.csv"), MetricsCsv.HEADER + "\n1,0.5,0.5,0.5,0.5,0.1,1\n2,oops\n");
        assertThatThrownBy(() -> MetricsCsv.read(broken))
                .isInstanceOf(SignDigitsException.class).hasMessageContaining("Line 3").hasMessageContaining("broken.csv");
    }
}
