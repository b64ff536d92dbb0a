package cn.pipelinetracker.deploy;

import cn.pipelinetracker.platform.test.TestHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The dashboard in a real browser (headless Chromium from Debian's packages) over the demo data. Without Chromium the
 * tests skip and say why, unless {@code PIPELINE_BROWSER_TESTS=required} (as in CI), where a missing browser fails.
 * Screenshots go to {@code target/screenshots}.
 */
@DemoDataTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    private WebDriver browser;
    private Path profile;

    @BeforeAll
    void startBrowser() throws IOException {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed && "required".equals(System.getenv("PIPELINE_BROWSER_TESTS"))) {
            fail("PIPELINE_BROWSER_TESTS=required but " + CHROMIUM + " or " + CHROMEDRIVER + " is missing");
        }
        assumeTrue(installed, "Browser tests skipped: no Chromium here. Install Debian's chromium, chromium-driver and"
                + " fonts-noto-cjk to run them (.ci/run does).");
        profile = Files.createTempDirectory("chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1600,1200", "--lang=zh-CN", "--accept-lang=zh-CN", "--user-data-dir=" + profile);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "zh-CN"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
                .withEnvironment(Map.of("LANGUAGE", "zh_CN", "LANG", "zh_CN.UTF-8")).build();
        browser = new ChromeDriver(service, options);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void demoDataProjectedAndSignedIn() {
        long head = jdbc.sql("SELECT max(global_index) FROM domain_event_entry").query(Long.class).single();
        assertThat(TestHttp.onPort(port).get("/api/v1/regions?awaitPosition=" + head).status()).isEqualTo(200);
        signIn("test-admin");
    }

    private void signIn(String user) {
        browser.manage().deleteAllCookies();
        browser.get(url("/login"));
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(user + "-pw");
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        waitUntil(d -> !d.getCurrentUrl().contains("/login"));
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private <T> T waitUntil(java.util.function.Function<WebDriver, T> condition) {
        // a page navigating away mid-check leaves a stale element: look again
        return new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class)
                .until(condition);
    }

    private void open(String path) {
        browser.get(url(path));
        awaitReady();
    }

    private void awaitReady() {
        waitUntil(d -> {
            String state = d.findElement(By.tagName("body")).getDomAttribute("data-state");
            if ("failed".equals(state)) {
                fail("the page failed: " + d.findElement(By.id("error")).getText());
            }
            return "ready".equals(state);
        });
    }

    private String tile(String milestone, String part) {
        return browser.findElement(By.cssSelector("[data-tile=" + milestone + "] .tile-" + part)).getText();
    }

    /** The whole page: the window grows to the page's height for the shot, then returns to its size. */
    private void screenshot(String name) throws IOException {
        Dimension window = browser.manage().window().getSize();
        long height = (Long) ((JavascriptExecutor) browser).executeScript(
                "window.scrollTo(0, 0); return document.documentElement.scrollHeight;");
        browser.manage().window().setSize(new Dimension(window.getWidth(), (int) height + 160));
        try {
            File shot = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } finally {
            browser.manage().window().setSize(window);
        }
    }

    @Test
    void foshanNationalHighTechZoneIn2023() throws IOException {
        open("/?region=440600-FSHT&period=2023");

        assertThat(tile("SIGNED", "projects")).isEqualTo("52 个");
        assertThat(tile("SIGNED", "amount")).isEqualTo("675.00 亿元");
        assertThat(browser.findElement(By.id("breadcrumb")).getText()).contains("佛山国家高新技术产业开发区", "2023年");
        assertThat(browser.findElement(By.id("amount-basis")).getText()).contains("计划总投资");
        screenshot("dashboard-foshan-high-tech-zone-2023");
    }

    @Test
    void zhaoqingFirstHalfOf2024() throws IOException {
        open("/?region=441200&period=2024-H1");

        assertThat(tile("SIGNED", "projects")).isEqualTo("430 个");
        assertThat(tile("SIGNED", "amount")).isEqualTo("786.60 亿元");
        assertThat(browser.findElements(By.cssSelector("#largest tbody tr[data-project]"))).hasSize(10);
        screenshot("dashboard-zhaoqing-2024-h1");
    }

    @Test
    void theEnglishSwitchChangesLabelsAndFormatsAndKeepsTheView() throws IOException {
        open("/?region=441200&period=2024-H1");
        assertThat(browser.findElement(By.cssSelector("[data-tile=SIGNED] .tile-label")).getText()).isEqualTo("签约项目");

        browser.findElement(By.id("lang-en")).click();
        waitUntil(d -> d.getCurrentUrl().contains("lang=en"));
        awaitReady();

        assertThat(browser.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("en");
        assertThat(browser.findElement(By.cssSelector("[data-tile=SIGNED] .tile-label")).getText()).isEqualTo("Signed");
        assertThat(tile("SIGNED", "projects")).isEqualTo("430 projects");
        assertThat(tile("SIGNED", "amount")).isEqualTo("RMB 78.66 bn");
        assertThat(browser.findElement(By.id("breadcrumb")).getText()).contains("Zhaoqing", "2024 H1");
        assertThat(browser.getCurrentUrl()).contains("region=441200", "period=2024-H1");
        screenshot("dashboard-zhaoqing-2024-h1-en");

        browser.navigate().refresh();
        awaitReady();
        assertThat(tile("SIGNED", "amount")).as("the language is in the URL").isEqualTo("RMB 78.66 bn");
    }

    @Test
    void clickingACityInTheRegionBreakdownDrillsDown() throws IOException {
        open("/?region=440000&period=2023");
        String province = tile("SIGNED", "projects");

        clickRegionBar("441200");
        waitUntil(d -> "441200".equals(d.findElement(By.tagName("body")).getDomAttribute("data-region")));
        awaitReady();

        assertThat(browser.getCurrentUrl()).contains("region=441200", "period=2023");
        assertThat(browser.findElement(By.id("breadcrumb")).getText()).contains("广东省", "肇庆市");
        long zhaoqing2023 = TestHttp.onPort(port).get("/api/v1/stats/milestones?milestone=SIGNED&regionCode=441200"
                + "&from=2023-01-01&to=2023-12-31").json().get("projects").asLong();
        assertThat(tile("SIGNED", "projects")).isEqualTo(String.format(Locale.ROOT, "%,d 个", zhaoqing2023))
                .isNotEqualTo(province);
        screenshot("dashboard-drill-down-zhaoqing-2023");

        browser.navigate().back();
        waitUntil(d -> "440000".equals(d.findElement(By.tagName("body")).getDomAttribute("data-region")));
        awaitReady();
        assertThat(tile("SIGNED", "projects")).as("back returns to the province").isEqualTo(province);
    }

    /** Clicks the centre of the bar that ECharts drew for {@code regionCode}, as a user's pointer would. */
    @SuppressWarnings("unchecked")
    private void clickRegionBar(String regionCode) {
        WebElement chart = browser.findElement(By.id("region-chart"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", chart);
        Map<String, Object> bar = (Map<String, Object>) ((JavascriptExecutor) browser).executeScript("""
                const chart = window.pipelineDashboard.charts['region-chart'];
                const data = chart.getModel().getSeriesByIndex(0).getData();
                for (let i = 0; i < data.count(); i++) {
                  if (data.getRawDataItem(i).code === arguments[0]) {
                    const box = data.getItemLayout(i);
                    const dom = chart.getDom();
                    return {x: box.x + box.width / 2 - dom.clientWidth / 2, y: box.y + box.height / 2 - dom.clientHeight / 2};
                  }
                }
                return null;""", regionCode);
        assertThat(bar).as("a bar for " + regionCode).isNotNull();
        new Actions(browser).moveToElement(chart, ((Number) bar.get("x")).intValue(), ((Number) bar.get("y")).intValue())
                .click().perform();
    }

    @Test
    void asKnownOnADateRedrawsTheFiguresWithWhatWasRecordedByThen() {
        LocalDate yesterday = LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(1);
        open("/?region=440600-FSHT&period=2023&asOf=" + yesterday);

        assertThat(tile("SIGNED", "projects")).as("the demo data was recorded today").isEqualTo("0 个");
        assertThat(browser.findElement(By.id("as-of-banner")).getText()).contains(yesterday.toString());
        assertThat(browser.findElements(By.cssSelector("#largest tr[data-project]")))
                .as("the list knows only the present: not shown as of a past day").isEmpty();
        assertThat(browser.findElement(By.id("largest-not-as-of")).getText()).contains("当前情况");

        browser.findElement(By.id("as-of-now")).click();
        waitUntil(d -> !d.getCurrentUrl().contains("asOf="));
        awaitReady();
        assertThat(tile("SIGNED", "projects")).isEqualTo("52 个");
    }

    @Test
    void theProjectPageShowsItsTimelineWithTheCorrectionMarked() throws IOException {
        String projectId = jdbc.sql("SELECT project_id FROM project_history WHERE type = 'MilestoneDateCorrectedEvent'"
                + " LIMIT 1").query(String.class).single();
        open("/dashboard/projects/" + projectId);

        List<WebElement> entries = browser.findElements(By.cssSelector("#timeline li.entry"));
        assertThat(entries).extracting(e -> e.getDomAttribute("data-type"))
                .startsWith("ProjectRegisteredEvent", "ProjectSignedEvent").contains("MilestoneDateCorrectedEvent");
        WebElement correction = browser.findElement(By.cssSelector("#timeline li.correction"));
        assertThat(correction.getText()).contains("更正", "签约日期由", "以合同落款日期为准", "demo-loader");
        String correctedDate = TestHttp.onPort(port).get("/api/v1/projects/" + projectId).json().get("signedOn")
                .asString();
        assertThat(browser.findElement(By.cssSelector("[data-milestone=SIGNED] .milestone-date")).getText())
                .isEqualTo(correctedDate);
        screenshot("project-with-correction");

        LocalDate yesterday = LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(1);
        ((JavascriptExecutor) browser).executeScript("""
                const input = document.getElementById('as-of');
                input.value = arguments[0];
                input.dispatchEvent(new Event('change'));""", yesterday.toString());
        waitUntil(d -> d.getCurrentUrl().contains("asOf=" + yesterday));
        assertThat(browser.findElements(By.cssSelector("#timeline li.entry:not(.later)")))
                .as("everything was recorded today, after the chosen day").isEmpty();
        assertThat(browser.findElement(By.id("as-of-banner")).getText()).contains(yesterday.toString(), "尚未录入");
    }

    @Test
    void theSignInPageSpeaksBothLanguagesAndSaysWhenThePasswordIsWrong() throws IOException {
        browser.manage().deleteAllCookies();
        browser.get(url("/?region=441200&period=2024-H1"));
        waitUntil(d -> d.getCurrentUrl().endsWith("/login"));
        assertThat(browser.findElement(By.tagName("form")).getText()).contains("用户名", "User name", "登录", "Sign in");
        screenshot("sign-in");

        browser.findElement(By.id("username")).sendKeys("test-admin");
        browser.findElement(By.id("password")).sendKeys("not-the-password");
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        waitUntil(d -> d.getCurrentUrl().contains("/login?error"));
        assertThat(browser.findElement(By.cssSelector(".message.error")).getText()).contains("Wrong user name or password");

        browser.findElement(By.id("username")).sendKeys("test-admin");
        browser.findElement(By.id("password")).sendKeys("test-admin-pw");
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        awaitReady();
        assertThat(browser.getCurrentUrl()).as("back to the page first asked for").contains("region=441200");
    }

    @Test
    void aLeaderSeesOnlyItsOwnSubtree() {
        signIn("fs-leader");
        open("/?region=441200&period=2023");

        assertThat(browser.findElement(By.tagName("body")).getDomAttribute("data-region"))
                .as("a region outside the user's subtree falls back to the user's own").isEqualTo("440600");
        browser.findElement(By.id("region-picker")).click();
        List<String> offered = browser.findElements(By.cssSelector("#region-tree [data-region]")).stream()
                .map(e -> e.getDomAttribute("data-region")).toList();
        assertThat(offered).contains("440600", "440600-FSHT", "440600-FSHT-NH").doesNotContain("441200", "440000");
    }
}
