package dev.signdigits.web;

import dev.signdigits.system.NativeSetup;
import dev.signdigits.runtime.DigitClassifier;
import dev.signdigits.predict.DigitClassifiers;
import java.awt.image.BufferedImage;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The baseline of {@code bench/load.sh}: the server's work without HTTP. Decoder threads (one per
 * core, as many as the server's decode slots) turn the photos' bytes into images with the server's
 * decoder; each of {@code --workers} inference threads takes up to {@code --batch} decoded images
 * and classifies them in one call, as the micro-batcher does, on a classifier opened exactly as
 * {@code serve} opens it. Prints one line: images per second and the mean batch size.
 *
 * <pre>java -cp target/signdigits-bench.jar:target/signdigits.jar:target/lib/* dev.signdigits.web.InProcessThroughput --model DIR \
 *     [--runtime auto] [--batch 8] [--workers 1] [--threads 0] [--seconds 20] [--warmup-images 2000] PHOTO...</pre>
 */
public final class InProcessThroughput {
    private static final long POLL_MS = 50;

    /** What one timed run did; {@code cpu} is the process's CPU time meanwhile (less sensitive to other load). */
    public record Result(String runtime, long images, long batches, Duration took, Duration cpu) {
        public double imagesPerSecond() {
            return images / (took.toNanos() / 1e9);
        }

        public double cpuMillisPerImage() {
            return images == 0 ? 0 : cpu.toNanos() / 1e6 / images;
        }

        public double meanBatch() {
            return batches == 0 ? 0 : (double) images / batches;
        }
    }

    private final DigitClassifier classifier;
    private final List<byte[]> photos;
    private final int batch;
    private final int workers;
    private final ImageBytesDecoder decoder = new ProjectImageDecoder(ServerConfig.builder().build().maxPixels());

    public InProcessThroughput(DigitClassifier classifier, List<byte[]> photos, int batch, int workers) {
        this.classifier = classifier;
        this.photos = List.copyOf(photos);
        this.batch = batch;
        this.workers = workers;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        List<byte[]> photos = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--")) {
                options.put(args[i], args[++i]);
            } else {
                photos.add(Files.readAllBytes(Path.of(args[i])));
            }
        }
        int batch = Integer.parseInt(options.getOrDefault("--batch", "8"));
        int workers = Integer.parseInt(options.getOrDefault("--workers", "1"));
        int threads = Integer.parseInt(options.getOrDefault("--threads", "0"));
        NativeSetup.beforeFirstDjlCall(threads); // the engine settings serve starts with
        try (DigitClassifier classifier = DigitClassifiers.open(options.getOrDefault("--runtime", "auto"),
                Path.of(options.getOrDefault("--model", "models/finetuned/latest")), threads, workers)) {
            InProcessThroughput bench = new InProcessThroughput(classifier, photos, batch, workers);
            bench.warmUp(Long.parseLong(options.getOrDefault("--warmup-images", "2000")), Duration.ofMinutes(2));
            Result r = bench.run(Duration.ofSeconds(Long.parseLong(options.getOrDefault("--seconds", "20"))));
            System.out.printf(Locale.ROOT, "runtime=%s images_per_second=%.1f cpu_ms_per_image=%.2f mean_batch=%.2f"
                    + " images=%d seconds=%.1f%n", r.runtime(), r.imagesPerSecond(), r.cpuMillisPerImage(), r.meanBatch(),
                    r.images(), r.took().toNanos() / 1e9);
        }
    }

    /** Runs until {@code images} were classified (as the server's warm-up did), or for {@code limit} at most. */
    public void warmUp(long images, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        for (long done = 0; done < images && System.nanoTime() < deadline; ) {
            done += run(Duration.ofSeconds(1)).images();
        }
    }

    /** Decodes and classifies for {@code duration} with every thread busy. */
    public Result run(Duration duration) throws InterruptedException {
        BlockingQueue<BufferedImage> decoded = new ArrayBlockingQueue<>(4 * batch * workers);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong next = new AtomicLong();
        AtomicLong images = new AtomicLong();
        AtomicLong batches = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
            threads.add(start("decode-" + i, () -> decode(decoded, next, stop)));
        }
        for (int i = 0; i < workers; i++) {
            threads.add(start("inference-" + i, () -> classify(decoded, images, batches, stop)));
        }
        long started = System.nanoTime();
        long cpuStarted = processCpuNanos();
        Thread.sleep(duration.toMillis());
        long doneImages = images.get();
        long doneBatches = batches.get();
        Duration cpu = Duration.ofNanos(processCpuNanos() - cpuStarted);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        stop.set(true);
        for (Thread thread : threads) {
            thread.join();
        }
        return new Result(classifier.info().runtime(), doneImages, doneBatches, took, cpu);
    }

    private void decode(BlockingQueue<BufferedImage> decoded, AtomicLong next, AtomicBoolean stop) {
        try {
            while (!stop.get()) {
                byte[] photo = photos.get((int) (next.getAndIncrement() % photos.size()));
                BufferedImage image = decoder.decode(photo, "photo");
                while (!stop.get() && !decoded.offer(image, POLL_MS, TimeUnit.MILLISECONDS)) {
                    // inference is behind: wait for room
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void classify(BlockingQueue<BufferedImage> decoded, AtomicLong images, AtomicLong batches, AtomicBoolean stop) {
        try {
            List<BufferedImage> work = new ArrayList<>(batch);
            while (!stop.get()) {
                BufferedImage first = decoded.poll(POLL_MS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                work.clear();
                work.add(first);
                decoded.drainTo(work, batch - 1);
                classifier.classify(work);
                images.addAndGet(work.size());
                batches.incrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static Thread start(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
