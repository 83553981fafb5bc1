package dev.signdigits.predict;

import dev.signdigits.hand.FramedPhoto;
import dev.signdigits.hand.HandFraming;
import dev.signdigits.hand.HandFramingSpec;
import dev.signdigits.hand.Refinement;
import dev.signdigits.hand.HandModels;
import dev.signdigits.image.ImageDecoder;
import dev.signdigits.image.Resampling;
import dev.signdigits.runtime.DigitClassifier;
import dev.signdigits.system.NativeSetup;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Issue 15's end-to-end figure: a 640x480 JPEG through decode, locate, crop and classify, one
 * photo at a time as {@code serve} handles a request, per hand model variant (full, lite), locator
 * threads and runtime. Frames: dataset photos pasted at 15-40% of the width, turned, over a
 * gradient (the hand found on the first look, as in most phone photos), the same photos filling the
 * frame (webcam close-ups) and hand-free frames (the costliest: every look runs). Prints a markdown
 * table of medians and 90th percentiles in ms.
 *
 * <pre>java -cp "$BENCH_CP" dev.signdigits.predict.HandPipelineBenchmark --model DIR
 *     [--runtimes tflite-int8,djl] [--variants full,lite] [--threads 1,2] [--frames 100] [--data DIR]
 *     [--classifier-threads 0] [--refinements none,full,full-mirrored] [--serve http://localhost:PORT]</pre>
 * With {@code --serve}, the frames go one at a time to that running {@code serve} instead.
 * {@code --threads}: the locator's interpreter threads; {@code --classifier-threads}: the digit
 * model's (0: all cores, as {@code serve}); {@code --refinements}: the landmark refinements to time
 * (default: the one the model records), shown after the variant.
 */
public final class HandPipelineBenchmark {
    /** Unmeasured passes over a set first: after 10 frames the JIT is still compiling the locator's loops (p50 +3 ms). */
    private static final int WARMUP_PASSES = 2;

    private HandPipelineBenchmark() {}

    public static void main(String[] args) {
        Map<String, String> options = RuntimeBenchmark.parse(args);
        Path model = Path.of(options.getOrDefault("--model", "models/finetuned/latest"));
        Path data = Path.of(options.getOrDefault("--data", "../shared/datasets/sign-language-digits"));
        int count = Integer.parseInt(options.getOrDefault("--frames", "100"));
        int classifierThreads = Integer.parseInt(options.getOrDefault("--classifier-threads", "0"));
        NativeSetup.beforeFirstDjlCall(classifierThreads);
        List<Photo> photos = photos(data, count);
        Map<String, List<byte[]>> sets = Map.of(
                "phone-like", photos.stream().map(p -> jpeg(phoneLike(p.image(), p.seed()))).toList(),
                "close-up", photos.stream().map(p -> jpeg(Resampling.resize(p.image(), 640, 480))).toList(),
                "no hand", photos.stream().map(p -> jpeg(background(new Random(p.seed())))).toList());
        if (options.containsKey("--serve")) {
            served(options.get("--serve"), sets);
            return;
        }
        System.out.println("| runtime | hand model | threads | frames | decode p50 | locate+crop p50 / p90 | classify p50 | end to end p50 / p90 | answered |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        for (String runtime : options.getOrDefault("--runtimes", "tflite-int8,djl").split(",")) {
            try (DigitClassifier classifier = DigitClassifiers.open(runtime, model, classifierThreads)) {
                HandFramingSpec recorded = HandFramingSpec.fromProperties(classifier.info().properties(), model.toString());
                String refinements = options.getOrDefault("--refinements", recorded.settings().refinement().toString());
                for (String variant : options.getOrDefault("--variants", "full,lite").split(",")) {
                    for (String refine : refinements.split(",")) {
                        for (String threads : options.getOrDefault("--threads", "1,2").split(",")) {
                            HandFramingSpec spec = new HandFramingSpec(HandModels.Variant.parse(variant),
                                    recorded.settings().withThreads(Integer.parseInt(threads))
                                            .withRefinement(Refinement.parse(refine)), recorded.crop());
                            String label = variant + ", refine " + refine;
                            try (HandFraming framing = HandFraming.open(spec, classifier.info().inputSize(), HandFraming.DEFAULT_MODELS_DIR)) {
                                for (String set : List.of("phone-like", "close-up", "no hand")) {
                                    System.out.println(row(runtime, label, threads, set, sets.get(set), framing, classifier));
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private static String row(String runtime, String variant, String threads, String set, List<byte[]> frames,
                              HandFraming framing, DigitClassifier classifier) {
        ImageDecoder decoder = new ImageDecoder();
        for (int pass = 0; pass < WARMUP_PASSES; pass++) {
            for (byte[] frame : frames) {
                once(frame, decoder, framing, classifier);
            }
        }
        double[][] ms = new double[4][frames.size()];
        int answered = 0;
        for (int i = 0; i < frames.size(); i++) {
            double[] t = once(frames.get(i), decoder, framing, classifier);
            for (int k = 0; k < 4; k++) {
                ms[k][i] = t[k];
            }
            answered += t[4] > 0 ? 1 : 0;
        }
        for (double[] column : ms) {
            Arrays.sort(column);
        }
        return String.format(Locale.ROOT, "| %s | %s | %s | %s (%d) | %.1f | %.1f / %.1f | %.1f | **%.1f** / %.1f | %d digits |",
                runtime, variant, threads, set, frames.size(), p(ms[0], 0.5), p(ms[1], 0.5), p(ms[1], 0.9), p(ms[2], 0.5),
                p(ms[3], 0.5), p(ms[3], 0.9), answered);
    }

    /**
     * The same frames sent one at a time to a running {@code serve} ({@code POST /api/v1/predict},
     * the JPEG as the body): the server's own {@code latency_ms} (decode, locate, crop, classify)
     * and the round trip on this machine's loopback as two clients see it, each frame sent by both
     * in turn (the order alternating): {@link LoopbackHttpClient} (one socket, one write per
     * request: the server's cost plus the kernel's) and a blocking {@link java.net.HttpURLConnection}
     * on a kept-alive connection (what a plain Java client adds). First one pass over every set,
     * unmeasured: the p50 of a server that has been running a while (a server fresh from start-up is
     * slower for its first few hundred requests while the JIT compiles the locator's loops).
     */
    private static void served(String url, Map<String, List<byte[]>> sets) {
        java.net.URI base = java.net.URI.create(url.replaceAll("/+$", ""));
        java.net.URL predict;
        try {
            predict = base.resolve("/api/v1/predict").toURL();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalArgumentException("not a URL: " + url, e);
        }
        List<String> names = List.of("phone-like", "close-up", "no hand");
        try (LoopbackHttpClient socket = new LoopbackHttpClient(base.getHost(), base.getPort())) {
            for (String set : names) {
                for (byte[] frame : sets.get(set)) {
                    post(predict, frame);
                    posted(socket, frame);
                }
            }
            System.out.println("| frames | requests | round trip p50 / p90, socket client | round trip p50 / p90, HttpURLConnection | server's latency_ms p50 / p90 | answered with a digit |");
            System.out.println("| --- | --- | --- | --- | --- | --- |");
            for (String set : names) {
                List<byte[]> frames = sets.get(set);
                double[] lean = new double[frames.size()];
                double[] plain = new double[frames.size()];
                double[] server = new double[2 * frames.size()];
                int digits = 0;
                for (int i = 0; i < frames.size(); i++) {
                    for (int k = 0; k < 2; k++) {
                        boolean viaSocket = (i + k) % 2 == 0;
                        long t0 = System.nanoTime();
                        String answer = viaSocket ? posted(socket, frames.get(i)) : post(predict, frames.get(i));
                        double ms = (System.nanoTime() - t0) / 1e6;
                        (viaSocket ? lean : plain)[i] = ms;
                        server[2 * i + k] = latencyMs(answer);
                        digits += viaSocket && !(answer.contains("\"digit\":null") || answer.contains("\"digit\" : null")) ? 1 : 0;
                    }
                }
                Arrays.sort(lean);
                Arrays.sort(plain);
                Arrays.sort(server);
                System.out.printf(Locale.ROOT, "| %s | %d + %d | **%.1f** / %.1f | %.1f / %.1f | **%.1f** / %.1f | %d |%n", set, frames.size(),
                        frames.size(), p(lean, 0.5), p(lean, 0.9), p(plain, 0.5), p(plain, 0.9), p(server, 0.5), p(server, 0.9), digits);
            }
        }
    }

    private static String posted(LoopbackHttpClient client, byte[] jpeg) {
        LoopbackHttpClient.Response response = client.post("/api/v1/predict", "image/jpeg", jpeg);
        if (response.status() != 200) {
            throw new IllegalStateException("/api/v1/predict answered " + response.status() + ": " + response.body());
        }
        return response.body();
    }

    /** The server's own time for the request, from the answer's {@code latency_ms} (NaN when absent). */
    private static double latencyMs(String answer) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"latency_ms\"\\s*:\\s*([0-9.]+)").matcher(answer);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    /** One request; the connection is kept alive for the next (the body is read to the end). */
    private static String post(java.net.URL url, byte[] jpeg) {
        try {
            java.net.HttpURLConnection connection = (java.net.HttpURLConnection) url.openConnection();
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.setRequestProperty("Content-Type", "image/jpeg");
            connection.setFixedLengthStreamingMode(jpeg.length);
            try (java.io.OutputStream out = connection.getOutputStream()) {
                out.write(jpeg);
            }
            int status = connection.getResponseCode();
            try (java.io.InputStream in = status == 200 ? connection.getInputStream() : connection.getErrorStream()) {
                String body = in == null ? "" : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                if (status != 200) {
                    throw new IllegalStateException(url + " answered " + status + ": " + body);
                }
                return body;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach " + url, e);
        }
    }

    /** decode, locate+crop, classify, total (ms) and 1 when a digit was given. */
    private static double[] once(byte[] jpeg, ImageDecoder decoder, HandFraming framing, DigitClassifier classifier) {
        long t0 = System.nanoTime();
        BufferedImage image = decoder.decode(jpeg, "frame.jpg").rgb();
        long t1 = System.nanoTime();
        FramedPhoto framed = framing.frame(image);
        long t2 = System.nanoTime();
        if (framed.readable()) {
            classifier.classify(List.of(framed.image()));
        }
        long t3 = System.nanoTime();
        return new double[] {(t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6, (t3 - t0) / 1e6, framed.readable() ? 1 : 0};
    }

    private static double p(double[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(q * (sorted.length - 1) + 0.5))];
    }

    private record Photo(BufferedImage image, long seed) {}

    /** Every n-th dataset photo (all digits), decoded. */
    private static List<Photo> photos(Path data, int count) {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(data)) {
            files = walk.filter(f -> f.toString().toLowerCase(Locale.ROOT).endsWith(".jpg")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + data, e);
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no .jpg photos under " + data + ": run ./signdigits data fetch or pass --data");
        }
        ImageDecoder decoder = new ImageDecoder();
        List<Photo> photos = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Path file = files.get((int) ((long) i * files.size() / count));
            photos.add(new Photo(decoder.decode(file).rgb(), 1000L + i));
        }
        return photos;
    }

    private static BufferedImage phoneLike(BufferedImage photo, long seed) {
        Random random = new Random(seed);
        BufferedImage frame = background(random);
        double width = 640 * (0.15 + 0.25 * random.nextDouble());
        double scale = width / photo.getWidth();
        Graphics2D g = frame.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            AffineTransform at = new AffineTransform();
            at.translate(width / 2 + random.nextDouble() * (640 - 1.5 * width), width / 2 + random.nextDouble() * (480 - 1.5 * width));
            at.rotate(Math.toRadians(-25 + 50 * random.nextDouble()));
            at.scale(scale, scale);
            at.translate(-photo.getWidth() / 2.0, -photo.getHeight() / 2.0);
            g.drawImage(photo, at, null);
        } finally {
            g.dispose();
        }
        return frame;
    }

    private static BufferedImage background(Random random) {
        BufferedImage frame = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = frame.createGraphics();
        try {
            g.setPaint(new GradientPaint(0, 0, new Color(random.nextInt(0xffffff)), 640, 480, new Color(random.nextInt(0xffffff))));
            g.fillRect(0, 0, 640, 480);
        } finally {
            g.dispose();
        }
        return frame;
    }

    private static byte[] jpeg(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
