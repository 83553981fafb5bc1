package dev.signdigits.spark;

import dev.signdigits.batch.BatchJob;
import dev.signdigits.batch.BatchResult;
import dev.signdigits.hand.HandFramingSpec;
import dev.signdigits.image.ImageDecoder;
import dev.signdigits.runtime.DigitClassifier;
import dev.signdigits.predict.DigitClassifiers;
import dev.signdigits.predict.PhotoPrediction;
import dev.signdigits.predict.PhotoPredictor;
import dev.signdigits.predict.PhotoSource;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * One timed run for bench/batch.sh. {@code spark} runs the real batch job on {@code local[W]};
 * {@code single} does the same work the plain way, in one Java process: the same sorted photos, W
 * worker threads each opening one classifier (one thread per call) once and taking slices of
 * {@code partition-size} photos from a shared queue, the same decoder and batch size, results
 * written to one file. The difference is what Spark costs, per-partition model opening included.
 * Prints one line: {@code mode photos failed seconds job_seconds hand_locator no_hand} (for single
 * both times are the same; for spark, seconds include starting and stopping the session;
 * hand_locator is the locator the model records, {@code off} or its variant, and no_hand the
 * photos in which it found none). A model trained with the hand locator runs it in both modes,
 * so bench/batch.sh measures throughput with the locator on and off by passing two models.
 */
@Command(name = "batch-benchmark", mixinStandardHelpOptions = true)
public final class BatchBenchmark implements Callable<Integer> {

    @Parameters(index = "0", description = "single or spark")
    String mode;

    @Option(names = "--model", required = true, description = "Exported .tflite or .onnx file.")
    String model;

    @Option(names = "--input", required = true, description = "Directory of photos.")
    Path input;

    @Option(names = "--output", required = true, description = "Where to write (replaced).")
    Path output;

    @Option(names = "--workers", defaultValue = "2", description = "Spark local[W] cores, or threads of the single process.")
    int workers;

    @Option(names = "--partition-size", defaultValue = "1000")
    int partitionSize;

    @Option(names = "--predict-batch-size", defaultValue = "16")
    int batchSize;

    public static void main(String[] args) {
        System.exit(new CommandLine(new BatchBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        ModelFile file = ModelFile.resolve(model, BatchJob.AUTO_RUNTIME);
        long start = System.nanoTime();
        long photos;
        long failed;
        long noHand;
        double jobSeconds;
        if (mode.equals("spark")) {
            BatchResult result = new SparkBatchRunner().run(new BatchJob(file.location(), file.runtime(), input.toString(),
                    output.toString(), "local[" + workers + "]", 3, batchSize, partitionSize, 1, true, null));
            photos = result.photos();
            failed = result.failed();
            noHand = result.noHand();
            jobSeconds = result.jobSeconds();
        } else if (mode.equals("single")) {
            List<PhotoPrediction> results = single(file);
            photos = results.size();
            failed = results.stream().filter(p -> !p.ok()).count();
            noHand = results.stream().filter(PhotoPrediction::noHand).count();
            jobSeconds = (System.nanoTime() - start) / 1e9;
        } else {
            throw new CommandLine.ParameterException(new CommandLine(this), "mode must be single or spark, got " + mode);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "%s %d %d %.3f %.3f %s %d%n", mode, photos, failed, seconds, jobSeconds,
                handLocator(file), noHand);
        return 0;
    }

    /** What the model records: {@code off}, or the locator's variant. */
    private static String handLocator(ModelFile file) {
        try (DigitClassifier classifier = DigitClassifiers.open(file.runtime(), Path.of(file.location()), 1)) {
            HandFramingSpec spec = HandFramingSpec.fromProperties(classifier.info().properties(), file.location());
            return spec.on() ? spec.variant().toString() : "off";
        }
    }

    /** W threads, each with one classifier opened once, taking partition-sized slices from a shared queue. */
    private List<PhotoPrediction> single(ModelFile file) throws Exception {
        List<Path> files = PhotoPredictor.expand(List.of(input));
        ConcurrentLinkedQueue<List<Path>> slices = new ConcurrentLinkedQueue<>();
        for (int from = 0; from < files.size(); from += partitionSize) {
            slices.add(files.subList(from, Math.min(files.size(), from + partitionSize)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        List<PhotoPrediction> all = new ArrayList<>(files.size());
        try {
            List<Future<List<PhotoPrediction>>> workersDone = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                workersDone.add(pool.submit(() -> predict(file, slices)));
            }
            for (Future<List<PhotoPrediction>> done : workersDone) {
                all.addAll(done.get());
            }
        } finally {
            pool.shutdown();
        }
        write(all);
        return all;
    }

    private List<PhotoPrediction> predict(ModelFile file, Queue<List<Path>> slices) {
        List<PhotoPrediction> out = new ArrayList<>();
        try (DigitClassifier classifier = DigitClassifiers.open(file.runtime(), Path.of(file.location()), 1);
             PhotoPredictor predictor = new PhotoPredictor(classifier, new ImageDecoder(), batchSize)) {
            for (List<Path> slice = slices.poll(); slice != null; slice = slices.poll()) {
                predictor.stream(slice.stream().map(PhotoSource::of).iterator(), 3).forEachRemaining(out::add);
            }
        }
        return out;
    }

    private void write(List<PhotoPrediction> predictions) throws IOException {
        Files.createDirectories(output.toAbsolutePath().getParent());
        try (BufferedWriter w = Files.newBufferedWriter(output)) {
            for (PhotoPrediction p : predictions) {
                String answer = !p.ok() ? "-\t-\t" + p.error() : p.hasDigit() ? p.digit() + "\t" + p.confidence()
                        : "-\t-\tno hand";
                w.write(p.file() + "\t" + answer + "\n");
            }
        }
    }
}
