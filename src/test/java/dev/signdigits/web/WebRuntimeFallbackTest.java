package dev.signdigits.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.signdigits.model.store.ExportFiles;
import dev.signdigits.model.store.ExportFormat;
import dev.signdigits.model.store.Quantize;
import dev.signdigits.model.export.TrainedTestModel;
import dev.signdigits.predict.DigitClassifiers;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --runtime auto} with a truncated {@code model-int8.tflite} falls back to the trained model
 * (DJL, several times the memory): that is a WARN naming the file and the reason, and the runtime
 * in use is a metric label, so a dashboard shows which pods serve with what.
 */
class WebRuntimeFallbackTest {
    @Test
    void truncatedInt8FileIsAWarningAndTheRuntimeInUseIsALabel(@TempDir Path root) throws Exception {
        Path dir = TrainedTestModel.copyTo(root.resolve("run"));
        String int8 = ExportFiles.fileName(ExportFormat.TFLITE, Quantize.INT8);
        byte[] whole = Files.readAllBytes(TrainedTestModel.directory().resolve(int8));
        Files.write(dir.resolve(int8), Arrays.copyOf(whole, whole.length / 2));
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

        try (LogCapture logs = new LogCapture();
             ModelHolder holder = new ModelHolder(dir, d -> DigitClassifiers.open("auto", d), Clock.systemUTC());
             ServiceMetrics metrics = new ServiceMetrics(registry, 8)) {
            metrics.bindModel(holder);
            holder.reload();

            List<String> warnings = logs.atLeast(Level.WARN);
            assertThat(warnings).hasSize(1);
            assertThat(warnings.get(0)).contains(int8).contains("changed since train measured it").contains("djl");
            assertThat(registry.scrape()).contains("signdigits_model_info{model=\"" + holder.current().orElseThrow().id()
                    + "\",runtime=\"djl\"} 1");
        }
    }
}
