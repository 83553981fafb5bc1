package dev.signdigits.train;

import ai.djl.ndarray.NDManager;
import dev.signdigits.SignDigitsException;
import dev.signdigits.data.LabeledFile;
import dev.signdigits.data.split.Split;
import dev.signdigits.data.split.SplitManifest;
import dev.signdigits.model.store.FinetunedModel;
import dev.signdigits.runtime.djl.FoldedNetwork;
import dev.signdigits.runtime.djl.FoldedNetworkProfiler;
import dev.signdigits.model.graph.GraphFolder;
import dev.signdigits.model.backbone.ImportedBackbone;
import dev.signdigits.model.backbone.PretrainedBackbones;
import dev.signdigits.runtime.DigitClassifier;
import dev.signdigits.predict.DigitClassifiers;
import dev.signdigits.predict.RuntimeBenchmark;
import dev.signdigits.model.graph.FoldedGraph;
import dev.signdigits.runtime.TensorClassifier;
import dev.signdigits.system.NativeSetup;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

/**
 * The Java side of the PyTorch-Python peer benchmark ({@code bench/run-peer.sh}; the Python side is
 * {@code bench/peer/peer.py}). One workload per process, results as one JSON object per line on
 * stdout, progress and logs on stderr:
 *
 * <pre>
 * PeerBenchmark prepare --out DIR [--sizes 224,160]           weights.bin, reference.bin, model-SIZE/ (+ exports)
 * PeerBenchmark train --row frozen|full --input-size N [--photos N] [--fine-tune-layers 28]
 * PeerBenchmark infer --model DIR [--runtimes djl,onnx,tflite] [--single 200] [--batches 8]
 * PeerBenchmark profile --model DIR [--batch 1] [--calls 200]      djl runtime's time per call by op kind
 * common: [--threads N] [--models-dir models] [--data-dir data/raw/sign-language-digits] [--manifest data/processed/split.csv]
 * </pre>
 */
public final class PeerBenchmark {
    private PeerBenchmark() {}

    public static void main(String[] args) {
        try {
            run(args);
        } catch (SignDigitsException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(e.exitCode());
        }
    }

    private static void run(String[] args) {
        if (args.length == 0) {
            throw new SignDigitsException("Name a command: prepare, train or infer (see the class comment).");
        }
        Map<String, String> options = options(Arrays.copyOfRange(args, 1, args.length));
        int threads = Integer.parseInt(options.getOrDefault("--threads", "0"));
        NativeSetup.beforeFirstDjlCall(threads);
        switch (args[0]) {
            case "prepare" -> prepare(options);
            case "train" -> train(options);
            case "infer" -> infer(options, threads);
            case "profile" -> profile(options);
            default -> throw new SignDigitsException("Unknown command '" + args[0] + "'; use prepare, train, infer or profile.");
        }
    }

    private static void prepare(Map<String, String> options) {
        TrainingConfig config = config(options, 224);
        List<LabeledFile> train = SplitManifest.read(config.manifest()).files(Split.TRAIN);
        List<Integer> sizes = Arrays.stream(options.getOrDefault("--sizes", "224,160").split(","))
                .map(String::strip).map(Integer::valueOf).toList();
        try (NDManager manager = NDManager.newBaseManager()) {
            PeerModels.write(Path.of(options.get("--out")), backbone(config, manager), config,
                    config.dataDir().resolve(train.get(0).relativePath()), sizes, manager);
        }
    }

    private static void train(Map<String, String> options) {
        String row = options.getOrDefault("--row", "frozen");
        TrainingConfig config = config(options, Integer.parseInt(options.getOrDefault("--input-size", "160")));
        List<LabeledFile> all = SplitManifest.read(config.manifest()).files(Split.TRAIN);
        int photos = Integer.parseInt(options.getOrDefault("--photos", "0"));
        // A smaller run takes photos evenly spread over the manifest (which is sorted by digit); the
        // Python side picks the same ones.
        List<LabeledFile> files = photos <= 0 || photos >= all.size() ? all
                : IntStream.range(0, photos).mapToObj(i -> all.get((int) ((long) i * all.size() / photos))).toList();
        List<Path> paths = files.stream().map(f -> config.dataDir().resolve(f.relativePath())).toList();
        int[] labels = files.stream().mapToInt(LabeledFile::label).toArray();
        ExecutorService workers = Executors.newFixedThreadPool(config.decodeThreads(), r -> {
            Thread t = new Thread(r, "augment");
            t.setDaemon(true);
            return t;
        });
        try (NDManager manager = NDManager.newBaseManager()) {
            TrainingWorkloads workloads = new TrainingWorkloads(config, backbone(config, manager), manager, workers);
            TrainingWorkloads.Timing timing = switch (row) {
                case "frozen" -> workloads.frozenTrunkEpoch(paths, labels);
                case "full" -> workloads.fullNetworkEpoch(paths, labels);
                default -> throw new SignDigitsException("Unknown --row '" + row + "'; use frozen or full.");
            };
            StringBuilder phases = new StringBuilder();
            timing.seconds().forEach((phase, s) -> phases.append(phases.length() == 0 ? "" : ", ")
                    .append(String.format(Locale.ROOT, "\"%s\": %.4f", phase, s)));
            System.out.printf(Locale.ROOT, "{\"side\": \"java\", \"workload\": \"train-%s\", \"input_size\": %d,"
                            + " \"images\": %d, \"seconds\": %.4f, \"images_per_s\": %.3f, \"phases\": {%s},"
                            + " \"main_thread_cpu_s\": %.4f, \"mean_loss\": %.4f}%n",
                    row, config.inputSize(), timing.images(), timing.total(), timing.images() / timing.total(), phases,
                    timing.threadCpuSeconds(), timing.meanLoss());
        } finally {
            workers.shutdownNow();
        }
    }

    private static void infer(Map<String, String> options, int threads) {
        Path model = Path.of(options.get("--model"));
        RuntimeBenchmark bench = new RuntimeBenchmark(Integer.parseInt(options.getOrDefault("--single", "200")),
                Integer.parseInt(options.getOrDefault("--batches", "8")), 1);
        for (String runtime : options.getOrDefault("--runtimes", "djl,onnx,tflite").split(",")) {
            try (DigitClassifier classifier = DigitClassifiers.open(runtime.strip(), model, threads)) {
                int size = classifier.info().inputSize();
                RuntimeBenchmark.Row row = bench.measure(runtime.strip(), (TensorClassifier) classifier, size);
                System.out.printf(Locale.ROOT, "{\"side\": \"java\", \"workload\": \"infer\", \"runtime\": \"%s\","
                                + " \"input_size\": %d, \"p50_ms\": %.4f, \"p99_ms\": %.4f, \"batch32_images_per_s\": %.3f}%n",
                        row.runtime(), size, row.p50Millis(), row.p99Millis(), row.batchImagesPerSecond());
            }
        }
    }

    /**
     * Where a djl runtime call spends its time: the folded network of the model, timed op by op
     * ({@link FoldedNetworkProfiler}) over {@code --calls} calls after 30 warm-up calls, on a fixed input.
     */
    private static void profile(Map<String, String> options) {
        Path dir = Path.of(options.get("--model"));
        int batch = Integer.parseInt(options.getOrDefault("--batch", "1"));
        int calls = Integer.parseInt(options.getOrDefault("--calls", "200"));
        int warmUp = 30;
        try (NDManager manager = NDManager.newBaseManager()) {
            FoldedGraph graph;
            int size;
            try (NDManager loading = manager.newSubManager()) {
                FinetunedModel model = FinetunedModel.load(dir, loading);
                graph = GraphFolder.fold(model);
                size = model.metadata().inputSize();
            }
            FoldedNetwork network = new FoldedNetwork(graph, manager);
            FoldedNetworkProfiler profiler = new FoldedNetworkProfiler(network, graph);
            float[] input = new float[batch * 3 * size * size];
            for (int i = 0; i < input.length; i++) {
                input[i] = (float) Math.sin(i * 0.37);
            }
            Map<String, long[]> byKind = new TreeMap<>(); // kind -> {nanos, ops}
            FoldedNetworkProfiler.OpTimer timer = (kind, nanos) -> {
                long[] v = byKind.computeIfAbsent(kind, k -> new long[2]);
                v[0] += nanos;
                v[1]++;
            };
            long total = 0;
            for (int i = 0; i < warmUp + calls; i++) {
                long start = System.nanoTime();
                try (NDManager call = manager.newSubManager()) {
                    profiler.forward(call, input, batch, size, i < warmUp ? (kind, nanos) -> { } : timer).toFloatArray();
                }
                total += i < warmUp ? 0 : System.nanoTime() - start;
            }
            StringBuilder ops = new StringBuilder();
            for (Map.Entry<String, long[]> e : byKind.entrySet()) {
                ops.append(ops.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "\"%s\": [%.4f, %d]",
                        e.getKey(), e.getValue()[0] / 1e6 / calls, e.getValue()[1] / calls));
            }
            System.out.printf(Locale.ROOT, "{\"side\": \"java\", \"workload\": \"profile\", \"runtime\": \"djl\","
                    + " \"input_size\": %d, \"batch\": %d, \"calls\": %d, \"mean_ms\": %.4f, \"ops\": {%s}}%n",
                    size, batch, calls, total / 1e6 / calls, ops);
        }
    }

    private static TrainingConfig config(Map<String, String> options, int inputSize) {
        return new TrainingConfig(Path.of(options.getOrDefault("--data-dir", "data/raw/sign-language-digits")),
                Path.of(options.getOrDefault("--manifest", "data/processed/split.csv")),
                Path.of(options.getOrDefault("--models-dir", "models")), PretrainedBackbones.DEFAULT, inputSize,
                Integer.parseInt(options.getOrDefault("--fine-tune-layers", "28")), 1, 32, 5e-4f, 1e-4f, 0.3f, 0f, 1, true, 8,
                Long.parseLong(options.getOrDefault("--seed", "42")), false,
                Integer.parseInt(options.getOrDefault("--decode-threads", "2")));
    }

    private static ImportedBackbone backbone(TrainingConfig config, NDManager manager) {
        return ImportedBackbone.load(PretrainedBackbones.ensureImported(config.modelsDir(), config.backbone()), manager);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new SignDigitsException("Expected --option value pairs, got '" + args[i] + "'.");
            }
            options.put(args[i], args[++i]);
        }
        return options;
    }
}
