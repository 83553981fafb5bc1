package dev.signdigits.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * The page's webcam mode, measured: headless Chromium opens a running {@code signdigits serve}
 * page with a fake camera that plays a still frame (a dataset photo small in a 640x480 scene, as a
 * phone or webcam sees a hand; or {@code --scene}: any picture as the whole frame, e.g. one without a
 * hand), starts the webcam, and after a warm-up counts the frames the page
 * had classified over {@code --seconds}. The page sends one frame at a time, the next as soon as
 * the answer is in, so this is the rate the service gives one viewer. The service's own metrics
 * over the same interval say where the time went (HTTP request, locating the hand, inference).
 *
 * <p>Drives Chromium through chromedriver's W3C WebDriver HTTP API with the JDK's HTTP client (the
 * benchmark jar has no Selenium). Prints one line of {@code key=value} pairs.
 *
 * <pre>java -cp target/signdigits-bench.jar:target/signdigits.jar:target/lib/* dev.signdigits.web.PageFps \
 *     --url http://127.0.0.1:8080 (--photo PHOTO.JPG | --scene PICTURE) [--seconds 20] [--warmup-seconds 5] [--work-dir DIR]
 *     [--chromium /usr/bin/chromium] [--chromedriver /usr/bin/chromedriver]</pre>
 */
public final class PageFps {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String READ_PAGE = "const s = document.getElementById('webcam-status');"
            + " const o = document.getElementById('webcam-overlay');"
            + " return {frames: Number(s.dataset.frames || 0), hands: Number(s.dataset.hands || 0),"
            + " fps: Number(s.dataset.fps || 0), now: performance.now(), text: s.textContent,"
            + " state: document.getElementById('result').dataset.state, box: o.dataset.hand || '',"
            + " error: document.getElementById('error').textContent};";

    private PageFps() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        String url = required(options, "--url");
        Path workDir = Files.createDirectories(Path.of(options.getOrDefault("--work-dir", "target/page-fps")));
        BufferedImage frame = options.containsKey("--scene")
                ? scaled(ImageIO.read(Path.of(options.get("--scene")).toFile()))
                : scene(ImageIO.read(Path.of(required(options, "--photo")).toFile()));
        Path video = Y4mVideo.write(frame, 15, 30, workDir.resolve("camera.y4m"));
        double seconds = Double.parseDouble(options.getOrDefault("--seconds", "20"));
        double warmup = Double.parseDouble(options.getOrDefault("--warmup-seconds", "5"));
        Path chromium = Path.of(options.getOrDefault("--chromium", "/usr/bin/chromium"));
        Path chromedriver = Path.of(options.getOrDefault("--chromedriver", "/usr/bin/chromedriver"));

        int port = freePort();
        Process driver = new ProcessBuilder(chromedriver.toString(), "--port=" + port)
                .redirectErrorStream(true).redirectOutput(workDir.resolve("chromedriver.log").toFile()).start();
        String webdriver = "http://127.0.0.1:" + port;
        String session = null;
        try {
            awaitReady(webdriver);
            session = newSession(webdriver, chromium, video, workDir.resolve("profile"));
            String base = webdriver + "/session/" + session;
            call("POST", base + "/url", Map.of("url", url + "/"));
            call("POST", base + "/execute/sync", Map.of("script",
                    "document.getElementById('webcam-toggle').click(); return true;", "args", List.of()));
            Thread.sleep((long) (warmup * 1000));
            JsonNode first = page(base);
            String metricsBefore = get(url + "/metrics");
            Thread.sleep((long) (seconds * 1000));
            JsonNode last = page(base);
            String metricsAfter = get(url + "/metrics");

            double took = (last.get("now").asDouble() - first.get("now").asDouble()) / 1000;
            long frames = last.get("frames").asLong() - first.get("frames").asLong();
            long hands = last.get("hands").asLong() - first.get("hands").asLong();
            Map<String, Double> before = metrics(metricsBefore);
            Map<String, Double> after = metrics(metricsAfter);
            System.out.printf(Locale.ROOT, "page_fps=%.2f frames=%d hands=%d seconds=%.1f page_shows_fps=%.2f"
                            + " request_ms=%.1f locate_ms=%.1f inference_ms=%.1f last_state=%s last_box=%s error=%s%n",
                    frames / took, frames, hands, took, last.get("fps").asDouble(),
                    meanMillis(before, after, "request"), meanMillis(before, after, "locate"),
                    meanMillis(before, after, "inference"), last.get("state").asText(), last.get("box").asText(),
                    last.get("error").asText().isEmpty() ? "none" : '"' + last.get("error").asText() + '"');
        } finally {
            if (session != null) {
                call("DELETE", webdriver + "/session/" + session, null);
            }
            driver.destroy();
        }
    }

    /**
     * The photo at 30% of the width of a 640x480 scene, turned 10 degrees, right of the middle,
     * over a gradient: what a webcam sees of a raised hand.
     */
    static BufferedImage scene(BufferedImage photo) {
        BufferedImage frame = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = frame.createGraphics();
        try {
            g.setPaint(new GradientPaint(0, 0, new Color(0x7a8a99), 640, 480, new Color(0xd8cfc0)));
            g.fillRect(0, 0, 640, 480);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            double scale = 0.3 * 640 / photo.getWidth();
            AffineTransform t = new AffineTransform();
            t.translate(400, 250);
            t.rotate(Math.toRadians(10));
            t.scale(scale, scale);
            t.translate(-photo.getWidth() / 2.0, -photo.getHeight() / 2.0);
            g.drawImage(photo, t, null);
        } finally {
            g.dispose();
        }
        return frame;
    }

    /** A whole picture as the camera's 640x480 frame (e.g. one without a hand). */
    static BufferedImage scaled(BufferedImage picture) {
        BufferedImage frame = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = frame.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(picture, 0, 0, 640, 480, null);
        } finally {
            g.dispose();
        }
        return frame;
    }

    private static String newSession(String webdriver, Path chromium, Path video, Path profile) throws Exception {
        Map<String, Object> chrome = Map.of("binary", chromium.toString(), "args", List.of("--headless=new", "--no-sandbox",
                "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
                "--no-first-run", "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=1280,1500",
                "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
                "--use-file-for-fake-video-capture=" + video.toAbsolutePath()));
        JsonNode created = call("POST", webdriver + "/session", Map.of("capabilities",
                Map.of("alwaysMatch", Map.of("browserName", "chrome", "goog:chromeOptions", chrome))));
        return created.get("sessionId").asText();
    }

    private static JsonNode page(String base) throws Exception {
        return call("POST", base + "/execute/sync", Map.of("script", READ_PAGE, "args", List.of()));
    }

    /** One WebDriver command; its {@code value}, or an exception with the driver's message. */
    private static JsonNode call(String method, String url, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode value = JSON.readTree(response.body()).path("value");
        if (response.statusCode() != 200) {
            throw new IllegalStateException("chromedriver " + method + " " + url + " answered " + response.statusCode()
                    + ": " + value.path("message").asText(response.body()));
        }
        return value;
    }

    private static void awaitReady(String webdriver) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (JSON.readTree(get(webdriver + "/status")).path("value").path("ready").asBoolean()) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("chromedriver did not start within 30 s");
    }

    private static String get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Sums and counts of the timers that say where a frame's time went, from the Prometheus text. */
    private static Map<String, Double> metrics(String text) {
        Map<String, Double> m = new LinkedHashMap<>();
        Map<String, Pattern> timers = Map.of(
                "request", Pattern.compile("^signdigits_http_requests_seconds_(sum|count)\\{[^}]*route=\"/api/v1/predict\"[^}]*} (\\S+)$", Pattern.MULTILINE),
                "locate", Pattern.compile("^signdigits_hand_locate_seconds_(sum|count) (\\S+)$", Pattern.MULTILINE),
                "inference", Pattern.compile("^signdigits_inference_seconds_(sum|count) (\\S+)$", Pattern.MULTILINE));
        timers.forEach((name, pattern) -> {
            Matcher matcher = pattern.matcher(text);
            while (matcher.find()) {
                m.merge(name + "_" + matcher.group(1), Double.parseDouble(matcher.group(2)), Double::sum);
            }
        });
        return m;
    }

    private static double meanMillis(Map<String, Double> before, Map<String, Double> after, String timer) {
        double count = after.getOrDefault(timer + "_count", 0.0) - before.getOrDefault(timer + "_count", 0.0);
        double sum = after.getOrDefault(timer + "_sum", 0.0) - before.getOrDefault(timer + "_sum", 0.0);
        return count == 0 ? Double.NaN : sum / count * 1000;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
