package dev.signdigits.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.signdigits.eval.Evaluation;
import dev.signdigits.eval.Scored;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
    private static final Pattern DATA_URI = Pattern.compile("src=\"data:image/(png|jpeg);base64,([A-Za-z0-9+/=]+)\"");
    private static final String EVIL = "<script>alert('x')</script>";

    @TempDir
    Path dir;

    @Test
    void selfContainedReportWithEverySection() throws Exception {
        Path file = dir.resolve(HtmlReport.FILE_NAME);

        HtmlReport.write(data(RealPhotos.scored(20, 0.85, 9), RealPhotos.epochs(8)), RealPhotos.loader(), file);

        String html = Files.readString(file);
        assertThat(html).startsWith("<!DOCTYPE html>");
        for (String id : List.of("summary", "curves", "classes", "groups", "misclassified", "configuration",
                "provenance", "timings")) {
            assertThat(html).as("section " + id).contains("id=\"" + id + "\"");
        }
        assertThat(html).contains("run-42").contains("seed").contains("10 min 17 s").contains("mobilenet_v1_1.0");
        // nothing to fetch: no links, scripts or remote URLs, every image inline
        assertThat(html).doesNotContain("http://").doesNotContain("https://").doesNotContain("<link")
                .doesNotContain("<script");
        assertThat(Pattern.compile("src=\"(?!data:)").matcher(html).find()).isFalse();
        List<BufferedImage> images = embeddedImages(html);
        assertThat(images).hasSize(4); // loss, accuracy, confusion matrix, misclassified sheet
        assertThat(images).anyMatch(i -> i.getWidth() == 600 && i.getHeight() == 600);
        assertThat(images).filteredOn(i -> i.getWidth() == TrainingCurves.WIDTH).hasSize(2);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file); // written atomically, no temp file left
        }
    }

    @Test
    void tablesListClassesGroupsAndMistakes() {
        List<Scored> scored = RealPhotos.scored(10, 0.8, 4);
        Evaluation e = Evaluation.of(RealPhotos.DIGITS, scored);

        String html = HtmlReport.render(data(scored, List.of()), RealPhotos.loader());

        assertThat(html).doesNotContain("id=\"curves\""); // evaluation only: no epochs
        for (var group : e.groups()) {
            assertThat(html).contains("<td>" + group.group() + "</td>");
        }
        for (var mistake : e.misclassified()) {
            assertThat(html).contains(">" + mistake.file() + "<");
        }
        assertThat(html).contains("macro avg").contains("weighted avg");
    }

    @Test
    void maliciousNamesAndValuesAreEscaped() {
        List<Scored> scored = new ArrayList<>(RealPhotos.scored(2, 1.0, 1));
        scored.add(new Scored(EVIL + ".jpg", 3, new float[] {0, 0, 0, 0.1f, 0, 0.9f, 0, 0, 0, 0}, "\"><b>group")); // wrong
        ReportData base = data(scored, List.of());
        Map<String, String> config = Map.of("note", "\"><img src=x onerror=alert(1)>");
        ReportData evil = new ReportData(base.runId(), EVIL, base.createdAt(), config, base.provenance(),
                base.timings(), base.epochs(), base.evaluation());

        String html = HtmlReport.render(evil, file -> null);

        assertThat(html).doesNotContain("<script").doesNotContain("<img src=x").doesNotContain("<b>group");
        assertThat(html).contains("&lt;script&gt;alert(");
        assertThat(html).contains("&lt;img src=x onerror=alert(1)&gt;");
    }

    @Test
    void emptyTablesSaySo() {
        Evaluation perfect = Evaluation.of(List.of("a", "b"), List.of(new Scored("x", 0, new float[] {1f, 0f}, null)));
        ReportData data = new ReportData("r", "t", Instant.EPOCH, Map.of(), Map.of(), Map.of(), List.of(), perfect);

        String html = HtmlReport.render(data, file -> null);

        assertThat(html).contains("No group information").contains("None recorded");
        assertThat(embeddedImages(html)).hasSize(2); // confusion matrix and the "nothing misclassified" image
    }

    private static ReportData data(List<Scored> scored, List<dev.signdigits.eval.EpochMetrics> epochs) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("architecture", "mobilenet_v1_1.0");
        config.put("input size", "128");
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("seed", "42");
        Map<String, Duration> timings = new LinkedHashMap<>();
        timings.put("training", Duration.ofSeconds(617));
        return new ReportData("run-42", "Sign-language digits", Instant.parse("2026-11-24T15:30:00Z"), config,
                provenance, timings, epochs, Evaluation.of(RealPhotos.DIGITS, scored));
    }

    private static List<BufferedImage> embeddedImages(String html) {
        List<BufferedImage> images = new ArrayList<>();
        Matcher m = DATA_URI.matcher(html);
        while (m.find()) {
            try {
                BufferedImage image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(m.group(2))));
                assertThat(image).as("decodable " + m.group(1)).isNotNull();
                images.add(image);
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        }
        return images;
    }
}
