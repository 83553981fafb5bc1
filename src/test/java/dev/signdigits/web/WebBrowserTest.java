package dev.signdigits.web;

import dev.signdigits.runtime.djl.DjlDigitClassifier;
import dev.signdigits.testing.TinyModel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The page in headless Chromium: upload a real photo, see its digit; the webcam mode with a fake camera; the model card. */
@Tag("slow")
class WebBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @TempDir
    Path root;
    @TempDir
    Path profile;

    @Test
    void uploadingAPhotoShowsItsDigitAndTheWebcamModeClassifiesFrames() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Chromium or chromedriver is not installed in /usr/bin (apt-get install chromium chromium-driver): skipping the browser test.");
        // The real fine-tuned model (a tiny real training run), and a photo of a 3 it gets right.
        Path model = TinyModel.dir();
        Path photo = TinyModel.correctlyClassified(3, 1).get(0).toAbsolutePath().normalize();
        assertThat(photo.toString()).contains("/3/");
        String modelId = dev.signdigits.model.store.FinetunedModel.readMetadata(model).id();
        try (TestServer server = TestServer.start(root, b -> b, dir -> DjlDigitClassifier.open(model))) {
            String base = "http://127.0.0.1:" + server.app.port();
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
            WebDriver driver = new ChromeDriver(service, options());
            try {
                driver.get(base + "/");
                assertThat(driver.getTitle()).contains("Classify a photo");
                assertEveryControlIsLabelledAndReachableByKeyboard(driver);

                driver.findElement(By.id("image-input")).sendKeys(photo.toString());
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
                wait.until(ExpectedConditions.textToBe(By.id("digit"), "3"));

                WebElement best = driver.findElement(By.cssSelector("#chart-body tr.best"));
                assertThat(best.getAttribute("data-label")).isEqualTo("3");
                assertThat(driver.findElement(By.id("confidence")).getText()).matches("\\(\\d+\\.\\d% sure\\)");
                assertThat(driver.findElement(By.id("preview")).isDisplayed()).isTrue();
                assertThat(driver.findElement(By.id("error")).getText()).isEmpty();
                screenshot(driver, "upload-digit-3.png");

                driver.findElement(By.id("webcam-toggle")).click();
                wait.until(ExpectedConditions.textMatches(By.id("webcam-status"), java.util.regex.Pattern.compile("Live: [2-9]\\d* frames")));
                assertThat(driver.findElement(By.id("webcam-toggle")).getAttribute("aria-pressed")).isEqualTo("true");
                assertThat(driver.findElement(By.id("result-detail")).getText()).startsWith("Webcam frame");
                screenshot(driver, "webcam-live.png");
                driver.findElement(By.id("webcam-toggle")).click();
                assertThat(driver.findElement(By.id("webcam-status")).getText()).startsWith("Webcam stopped");

                driver.get(base + "/model");
                assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Model card: " + modelId);
                screenshot(driver, "model-card.png");
            } finally {
                driver.quit();
                service.stop();
            }
        }
    }

    @Test
    void anAnswerBelowTheFloorShowsNotSureWithTheBestGuessInsteadOfADigit() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Chromium or chromedriver is not installed in /usr/bin (apt-get install chromium chromium-driver): skipping the browser test.");
        Path photo = TestModels.photo(4).toAbsolutePath().normalize();
        // the stand-in is less than 99% sure of every photo, so a floor of 0.99 makes each answer "not sure"
        try (TestServer server = TestServer.start(root, b -> b.minConfidence(0.99))) {
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
            WebDriver driver = new ChromeDriver(service, options());
            try {
                driver.get("http://127.0.0.1:" + server.app.port() + "/");
                assertThat(driver.findElement(By.id("not-sure")).isDisplayed()).isFalse();
                driver.findElement(By.id("image-input")).sendKeys(photo.toString());
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
                wait.until(ExpectedConditions.attributeToBe(By.id("result"), "data-state", "not-sure"));

                assertThat(driver.findElement(By.id("digit")).getText()).isEqualTo("?");
                assertThat(driver.findElement(By.id("not-sure")).getText()).matches("not sure \\(best guess 4, \\d{1,2}%\\)");
                assertThat(driver.findElement(By.id("no-hand")).isDisplayed()).isFalse();
                assertThat(driver.findElement(By.cssSelector("#chart-body tr.best")).getAttribute("data-label")).isEqualTo("4");
                assertThat(driver.findElement(By.id("error")).getText()).isEmpty();
                screenshot(driver, "upload-not-sure.png");
            } finally {
                driver.quit();
                service.stop();
            }
        }
    }

    private ChromeOptions options() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--window-size=1280,1500",
                // a synthetic camera, granted without a prompt, for the webcam mode
                "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream");
        return options;
    }

    private static void assertEveryControlIsLabelledAndReachableByKeyboard(WebDriver driver) {
        Object unlabelled = ((JavascriptExecutor) driver).executeScript(
                "return Array.from(document.querySelectorAll('input')).filter(i => i.labels.length === 0).length;");
        assertThat(unlabelled).isEqualTo(0L);
        List<String> focused = new ArrayList<>();
        Actions keyboard = new Actions(driver);
        for (int i = 0; i < 10; i++) {
            keyboard.sendKeys(Keys.TAB).perform();
            WebElement active = driver.switchTo().activeElement();
            focused.add(active.getAttribute("id") + ":" + active.getTagName());
        }
        assertThat(focused).contains("image-input:input", "classify-button:button", "webcam-toggle:button");
    }

    private static void screenshot(WebDriver driver, String name) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
}
