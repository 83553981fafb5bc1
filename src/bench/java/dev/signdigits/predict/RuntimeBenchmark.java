package dev.signdigits.predict;

import dev.signdigits.system.NativeSetup;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import dev.signdigits.runtime.DigitClassifier;
import dev.signdigits.runtime.TensorClassifier;

/**
 * Measures inference speed of each runtime on one model: single-image latency (p50, p99 over
 * many calls) and batch-32 throughput, each the median of several runs, after a warm-up. Input
 * is a fixed pseudo-random normalized tensor (speed does not depend on content); pre-processing
 * is not timed. Prints a markdown table. Run by {@code bench/runtimes.sh}:
 *
 * <pre>java -cp target/signdigits-bench.jar:target/signdigits.jar:target/lib/* dev.signdigits.predict.RuntimeBenchmark \
 *     --model DIR [--runtimes djl,tflite,tflite-int8,onnx] [--single 200] [--batches 8] [--runs 3] [--threads 0]</pre>
 */
public final class RuntimeBenchmark {
    private static final int BATCH = 32;

    /** One runtime's numbers: medians over runs. */
    public record Row(String runtime, double p50Millis, double p99Millis, double batchImagesPerSecond) {}

    private final int singleCalls;
    private final int batchCalls;
    private final int runs;

    public RuntimeBenchmark(int singleCalls, int batchCalls, int runs) {
        this.singleCalls = singleCalls;
        this.batchCalls = batchCalls;
        this.runs = runs;
    }

    public static void main(String[] args) {
        Map<String, String> options = parse(args);
        Path model = Path.of(options.getOrDefault("--model", "models/finetuned/latest"));
        List<String> runtimes = List.of(options.getOrDefault("--runtimes", "djl,tflite,tflite-int8,onnx").split(","));
        int threads = Integer.parseInt(options.getOrDefault("--threads", "0"));
        RuntimeBenchmark bench = new RuntimeBenchmark(Integer.parseInt(options.getOrDefault("--single", "200")),
                Integer.parseInt(options.getOrDefault("--batches", "8")), Integer.parseInt(options.getOrDefault("--runs", "3")));
        NativeSetup.beforeFirstDjlCall(threads);
        List<Row> rows = new ArrayList<>();
        for (String runtime : runtimes) {
            try (DigitClassifier classifier = DigitClassifiers.open(runtime.strip(), model, threads)) {
                System.err.println("benchmarking " + runtime + " (" + DigitClassifiers.modelFile(runtime.strip(), model) + ")");
                rows.add(bench.measure(runtime.strip(), (TensorClassifier) classifier, classifier.info().inputSize()));
            }
        }
        System.out.print(table(rows));
    }

    /** Warm-up, then {@code runs} rounds of single-image calls and batch-32 calls. */
    public Row measure(String runtime, TensorClassifier classifier, int inputSize) {
        float[] batch = input(BATCH, inputSize);
        float[] single = Arrays.copyOf(batch, 3 * inputSize * inputSize);
        for (int i = 0; i < 20; i++) {
            classifier.classifyTensor(single, 1);
        }
        classifier.classifyTensor(batch, BATCH);
        double[] p50 = new double[runs];
        double[] p99 = new double[runs];
        double[] throughput = new double[runs];
        for (int r = 0; r < runs; r++) {
            double[] latencies = new double[singleCalls];
            for (int i = 0; i < singleCalls; i++) {
                long start = System.nanoTime();
                classifier.classifyTensor(single, 1);
                latencies[i] = (System.nanoTime() - start) / 1e6;
            }
            p50[r] = percentile(latencies, 0.50);
            p99[r] = percentile(latencies, 0.99);
            double[] batches = new double[batchCalls];
            for (int i = 0; i < batchCalls; i++) {
                long start = System.nanoTime();
                classifier.classifyTensor(batch, BATCH);
                batches[i] = (System.nanoTime() - start) / 1e9;
            }
            throughput[r] = BATCH / percentile(batches, 0.50);
        }
        return new Row(runtime, median(p50), median(p99), median(throughput));
    }

    public static String table(List<Row> rows) {
        StringBuilder out = new StringBuilder();
        out.append("| runtime | single image p50 (ms) | single image p99 (ms) | batch 32 (images/s) |\n");
        out.append("| --- | --- | --- | --- |\n");
        for (Row row : rows) {
            out.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.0f |%n", row.runtime(), row.p50Millis(),
                    row.p99Millis(), row.batchImagesPerSecond()));
        }
        return out.toString();
    }

    private static float[] input(int images, int size) {
        Random random = new Random(42);
        float[] values = new float[images * 3 * size * size];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextFloat() * 2 - 1;
        }
        return values;
    }

    static double percentile(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double median(double[] values) {
        return percentile(values, 0.5);
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value pairs, got " + args[i]);
            }
            options.put(args[i], args[i + 1]);
        }
        return options;
    }
}
