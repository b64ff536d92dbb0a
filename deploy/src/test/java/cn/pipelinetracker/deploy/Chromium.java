package cn.pipelinetracker.deploy;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Headless Chromium from Debian's packages, driven by Selenium, signed in to the pages of one running application.
 * Without Chromium the tests skip and say why, unless {@code PIPELINE_BROWSER_TESTS=required} (as in CI), where a
 * missing browser fails. Screenshots go to {@code target/screenshots}.
 */
public final class Chromium {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    final ChromeDriver driver;
    private final int port;
    private final Path profile;

    private Chromium(ChromeDriver driver, int port, Path profile) {
        this.driver = driver;
        this.port = port;
        this.profile = profile;
    }

    public static Chromium start(int port) throws IOException {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed && "required".equals(System.getenv("PIPELINE_BROWSER_TESTS"))) {
            fail("PIPELINE_BROWSER_TESTS=required but " + CHROMIUM + " or " + CHROMEDRIVER + " is missing");
        }
        assumeTrue(installed, "Browser tests skipped: no Chromium here. Install Debian's chromium, chromium-driver and"
                + " fonts-noto-cjk to run them (.ci/run does).");
        Path profile = Files.createTempDirectory("chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1600,1200", "--lang=zh-CN", "--accept-lang=zh-CN", "--user-data-dir=" + profile);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "zh-CN"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
                .withEnvironment(Map.of("LANGUAGE", "zh_CN", "LANG", "zh_CN.UTF-8")).build();
        Files.createDirectories(SCREENSHOTS);
        return new Chromium(new ChromeDriver(service, options), port, profile);
    }

    /** Ends the browser and removes its profile folder (a run of the suite would otherwise leave one per test class). */
    public void quit() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            } catch (IOException leftBehind) { // best effort: a late write of the browser must not fail a test class
                System.err.println("Chromium's profile " + profile + " left behind: " + leftBehind);
            }
        }
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }

    public void signIn(String user) {
        driver.manage().deleteAllCookies();
        driver.get(url("/login"));
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(user + "-pw");
        driver.findElement(By.cssSelector("button[type=submit]")).click();
        waitUntil(d -> !d.getCurrentUrl().contains("/login"));
    }

    public <T> T waitUntil(Function<WebDriver, T> condition) {
        // a page navigating away mid-check leaves a stale element: look again
        return new WebDriverWait(driver, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class)
                .until(condition);
    }

    public void open(String path) {
        driver.get(url(path));
        awaitReady();
    }

    void awaitReady() {
        waitUntil(d -> {
            String state = d.findElement(By.tagName("body")).getDomAttribute("data-state");
            if ("failed".equals(state)) {
                fail("the page failed: " + d.findElement(By.id("error")).getText());
            }
            return "ready".equals(state);
        });
    }

    /** The whole page: the viewport grows to the page's height for the shot, then returns to its size. */
    void screenshot(String name) throws IOException {
        long width = (Long) script("return window.innerWidth;");
        long height = (Long) script("return window.innerHeight;");
        long page = (Long) script("window.scrollTo(0, 0); return document.documentElement.scrollHeight;");
        viewport((int) width, (int) Math.max(page, height), false);
        try {
            shot(name);
        } finally {
            viewport((int) width, (int) height, width <= 480);
        }
    }

    /** What is on the screen, as a wall shows it. */
    void shot(String name) throws IOException {
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** The page's viewport in CSS pixels, as a device of that size has it (a phone's is mobile). */
    void viewport(int width, int height, boolean mobile) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width,
                "height", height, "deviceScaleFactor", 1, "mobile", mobile));
    }

    void desktop() {
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    public Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }
}
