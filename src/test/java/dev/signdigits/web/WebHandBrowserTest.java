package dev.signdigits.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.signdigits.hand.PhoneLikeFrames;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page serving a model trained with the hand locator, in headless Chromium: a photo with a
 * hand gets its digit and the hand drawn over it; a photo without one shows "No hand in view"; a
 * fake camera playing a phone-like scene (a dataset photo small in a 640x480 frame) gets the hand
 * drawn over the live video, with the frames per second shown.
 */
@Tag("slow")
class WebHandBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** Non-transparent pixels of a canvas. */
    private static final String PAINTED = "const c = document.getElementById(arguments[0]);"
            + " const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
            + " let n = 0; for (let i = 3; i < d.length; i += 4) { if (d[i] > 0) { n++; } } return n;";

    @TempDir
    Path root;
    @TempDir
    Path profile;

    @Test
    void theHandIsDrawnOverPhotosAndTheLiveVideoAndNoHandIsItsOwnState() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Chromium or chromedriver is not installed in /usr/bin (apt-get install chromium chromium-driver): skipping the browser test.");
        HandRuntimeModel served = HandRuntimeModel.of("tflite-int8");
        Path three = served.photo(3).toAbsolutePath().normalize();
        Path sunflower = PhoneLikeFrames.sceneries().stream().filter(p -> p.getFileName().toString().equals("sunflower.bmp"))
                .findFirst().orElseThrow().toAbsolutePath().normalize();
        // the fake camera plays a phone-like scene of the same photo: the hand a fifth of a 640x480 frame
        Path camera = Y4mVideo.write(PhoneLikeFrames.of(served.photo(3), "3", 11).image(), 15, 30, root.resolve("camera.y4m"));

        try (TestServer server = TestServer.start(root.resolve("server"), b -> b, served)) {
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
            WebDriver driver = new ChromeDriver(service, options(camera));
            JavascriptExecutor js = (JavascriptExecutor) driver;
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
            try {
                driver.get("http://127.0.0.1:" + server.app.port() + "/");
                assertThat(driver.findElement(By.id("hand-note")).getText()).contains("finds the hand first");

                driver.findElement(By.id("image-input")).sendKeys(three.toString());
                wait.until(ExpectedConditions.attributeToBe(By.id("preview-overlay"), "data-hand", "found"));
                assertThat(driver.findElement(By.id("digit")).getText()).isEqualTo("3");
                assertThat(driver.findElement(By.id("result")).getAttribute("data-state")).isEqualTo("digit");
                assertThat(driver.findElement(By.id("no-hand")).isDisplayed()).isFalse();
                assertThat(driver.findElement(By.id("result-detail")).getText()).contains("Hand found");
                assertThat(painted(js, "preview-overlay")).as("the box and landmarks drawn over the photo").isGreaterThan(100);
                assertThat(driver.findElement(By.id("preview-overlay")).getAttribute("width")).isEqualTo("100");
                screenshot(driver, "hand-upload-digit-3.png");

                driver.findElement(By.id("image-input")).sendKeys(sunflower.toString());
                wait.until(ExpectedConditions.attributeToBe(By.id("result"), "data-state", "no-hand"));
                assertThat(driver.findElement(By.id("no-hand")).isDisplayed()).isTrue();
                assertThat(driver.findElement(By.id("no-hand")).getText()).isEqualTo("No hand in view");
                assertThat(driver.findElement(By.id("digit")).getText()).isEqualTo("–");
                assertThat(driver.findElement(By.id("confidence")).getText()).isEmpty();
                assertThat(driver.findElement(By.id("result-detail")).getText()).contains("No hand found");
                assertThat(driver.findElements(By.cssSelector("#chart-body tr.best"))).as("no digit marked best").isEmpty();
                assertThat(driver.findElement(By.id("error")).getText()).isEmpty();
                assertThat(driver.findElement(By.id("preview-overlay")).getAttribute("data-hand")).isEqualTo("none");
                assertThat(painted(js, "preview-overlay")).isZero();
                screenshot(driver, "hand-upload-no-hand.png");

                driver.findElement(By.id("webcam-toggle")).click();
                wait.until(d -> Integer.parseInt(attribute(d, "webcam-status", "data-hands", "0")) >= 3);
                assertThat(driver.findElement(By.id("webcam-overlay")).getAttribute("data-hand")).isEqualTo("found");
                assertThat(driver.findElement(By.id("webcam-overlay")).getAttribute("width")).isEqualTo("640");
                assertThat(painted(js, "webcam-overlay")).as("the hand drawn over the live video").isGreaterThan(100);
                String status = driver.findElement(By.id("webcam-status")).getText();
                assertThat(status).matches(Pattern.compile("Live: \\d+ frames classified, \\d+\\.\\d frames/s\\."));
                double fps = Double.parseDouble(attribute(driver, "webcam-status", "data-fps", "0"));
                assertThat(fps).as(status).isPositive();
                assertThat(driver.findElement(By.id("result-detail")).getText()).startsWith("Webcam frame");
                System.out.printf("page webcam with the hand locator (%s): %s%n", served.runtime(), status);
                screenshot(driver, "hand-webcam-live.png");
                driver.findElement(By.id("webcam-toggle")).click();
                assertThat(driver.findElement(By.id("webcam-status")).getText()).startsWith("Webcam stopped");
            } finally {
                driver.quit();
                service.stop();
            }
        }
    }

    private static String attribute(WebDriver driver, String id, String name, String otherwise) {
        String value = driver.findElement(By.id(id)).getAttribute(name);
        return value == null || value.isEmpty() ? otherwise : value;
    }

    private static long painted(JavascriptExecutor js, String canvasId) {
        return (Long) js.executeScript(PAINTED, canvasId);
    }

    private ChromeOptions options(Path camera) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--window-size=1280,1500",
                // a fake camera that plays the given video, granted without a prompt
                "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
                "--use-file-for-fake-video-capture=" + camera.toAbsolutePath());
        return options;
    }

    private static void screenshot(WebDriver driver, String name) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
}
