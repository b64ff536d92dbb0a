package cn.pipelinetracker.deploy;

import cn.pipelinetracker.platform.test.TestHttp;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard in a real browser ({@link Chromium}) over the demo data. */
@DemoDataTest
class DashboardBrowserTest extends InBrowser {

    @Override
    String user() {
        return "test-admin";
    }

    private void signIn(String user) {
        chromium.signIn(user);
    }

    private String url(String path) {
        return chromium.url(path);
    }

    private <T> T waitUntil(java.util.function.Function<WebDriver, T> condition) {
        return chromium.waitUntil(condition);
    }

    private void open(String path) {
        chromium.open(path);
    }

    private void awaitReady() {
        chromium.awaitReady();
    }

    private String tile(String milestone, String part) {
        return browser.findElement(By.cssSelector("[data-tile=" + milestone + "] .tile-" + part)).getText();
    }

    private void screenshot(String name) throws IOException {
        chromium.screenshot(name);
    }

    private void shot(String name) throws IOException {
        chromium.shot(name);
    }

    private void viewport(int width, int height, boolean mobile) {
        chromium.viewport(width, height, mobile);
    }

    private Object script(String script, Object... arguments) {
        return chromium.script(script, arguments);
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
        WebElement export = browser.findElement(By.id("export-ledger"));
        assertThat(export.getText()).contains("导出");
        assertThat(export.getDomAttribute("href")).isEqualTo("/api/v1/ledger.xlsx?regionCode=441200");
        screenshot("dashboard-zhaoqing-2024-h1");
    }

    @Test
    void theAlertPanelCountsTheRegionsAlertsByLevelAndListsThemOnAClick() throws IOException {
        open("/?region=441200&period=2024-H1");
        JsonNode alerts = Json.of(TestHttp.onPort(port).get("/api/v1/alerts?regionCode=441200"));
        Map<String, Integer> byLevel = new java.util.HashMap<>(Map.of("RED", 0, "YELLOW", 0));
        alerts.forEach(alert -> byLevel.merge(alert.get("level").asString(), 1, Integer::sum));
        assertThat(byLevel.get("RED") + byLevel.get("YELLOW")).as("the demo's old signings have not all started")
                .isPositive();

        for (String level : List.of("RED", "YELLOW")) {
            assertThat(browser.findElement(By.cssSelector("[data-level=" + level + "] .alert-number")).getText())
                    .isEqualTo(byLevel.get(level) + " 个");
        }
        String shown = byLevel.get("RED") > 0 ? "RED" : "YELLOW";
        browser.findElement(By.cssSelector("[data-level=" + shown + "]")).click();
        List<WebElement> rows = waitUntil(d -> {
            List<WebElement> found = d.findElements(By.cssSelector("#alert-list tr[data-alert]"));
            return found.isEmpty() ? null : found;
        });
        int total = byLevel.get(shown);
        assertThat(rows).as("the longest-standing 200 at most").hasSize(Math.min(total, 200));
        List<WebElement> firstOnly = browser.findElements(By.cssSelector("#alert-list .alerts-first-only"));
        if (total > 200) {
            assertThat(firstOnly).singleElement().extracting(WebElement::getText)
                    .isEqualTo("仅列出预警时间最长的 200 个，共 " + String.format(java.util.Locale.ROOT, "%,d", total) + " 个");
        } else {
            assertThat(firstOnly).isEmpty();
        }
        assertThat(rows.get(0).findElement(By.cssSelector(".col-detail")).getText()).isNotBlank();
        assertThat(browser.findElement(By.id("funds-rate")).getDomAttribute("title")).contains("资金到位率 =");
        screenshot("dashboard-alerts-zhaoqing");

        rows.get(0).findElement(By.cssSelector(".col-name a")).click();
        waitUntil(d -> d.getCurrentUrl().contains("/dashboard/projects/"));
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

    @Test
    void openedColdTheDashboardShowsTheLatestYearWithDataAndSaysSo() {
        open("/");

        String year = browser.findElement(By.cssSelector("#breadcrumb .period-label")).getText();
        assertThat(year).matches("\\d{4}年");
        assertThat(browser.findElement(By.id("period-note")).getText()).contains("最近年度", year);
        assertThat(tile("SIGNED", "projects")).isNotEqualTo("0 个");
        assertThat(browser.findElements(By.cssSelector("#largest tbody tr[data-project]"))).isNotEmpty();
        assertThat(browser.getCurrentUrl()).as("the default is not written into the URL").doesNotContain("period=");
        long thisYear = LocalDate.now(ZoneId.of("Asia/Shanghai")).getYear();
        long signedThisYear = TestHttp.onPort(port).get("/api/v1/stats/milestones?milestone=SIGNED&regionCode=440000"
                + "&from=" + thisYear + "-01-01&to=" + thisYear + "-12-31").json().get("projects").asLong();
        if (signedThisYear > 0) {
            assertThat(year).as("the current year when it has data").isEqualTo(thisYear + "年");
        }
    }

    /** Every region of the demo data that has sub-regions: the bars (with the region's own) add up to the tile. */
    @Test
    void everyRegionsBreakdownAddsUpToItsTile() {
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        List<String> parents = new java.util.ArrayList<>();
        TestHttp.onPort(port).get("/api/v1/regions").json().forEach(region -> {
            String parent = region.path("parentCode").asString(null);
            if (parent != null && !parents.contains(parent)) {
                parents.add(parent);
            }
        });
        assertThat(parents).contains("440000", "440600-FSHT", "441200", "441200-JJQ");
        for (String region : parents) {
            for (String period : List.of("period=2023", "period=custom&from=2015-01-01&to=" + today)) {
                open("/?region=" + region + "&" + period);
                @SuppressWarnings("unchecked")
                Map<String, Object> sum = (Map<String, Object>) script("""
                        const data = window.pipelineDashboard.charts['region-chart'].getOption().series[0].data;
                        return {projects: data.reduce((s, d) => s + d.projects, 0),
                                fen: data.reduce((s, d) => s + Math.round(d.yuan * 100), 0), bars: data.length};""");
                var answer = TestHttp.onPort(port).get("/api/v1/stats/milestones?milestone=SIGNED&regionCode=" + region
                        + "&" + period.replace("period=2023", "from=2023-01-01&to=2023-12-31")
                        .replace("period=custom&", "")).json();
                assertThat(tile("SIGNED", "projects")).as(region + " " + period)
                        .isEqualTo(String.format(Locale.ROOT, "%,d 个", ((Number) sum.get("projects")).longValue()));
                assertThat(((Number) sum.get("projects")).longValue()).isEqualTo(answer.get("projects").asLong());
                assertThat(((Number) sum.get("fen")).longValue()).as(region + " " + period)
                        .isEqualTo(answer.get("plannedInvestmentYuan").decimalValue().movePointRight(2).longValueExact());
            }
        }
        open("/?region=440600-FSHT&period=2023");
        assertThat(browser.findElement(By.id("region-chart")).getText()).as("canvas only").isEmpty();
        assertThat((String) script("""
                return window.pipelineDashboard.charts['region-chart'].getOption().yAxis[0].data.join('|');"""))
                .as("the projects registered at the zone itself have a bar of their own").contains("本级");
    }

    @Test
    void theRegionBarsAreAmountsLabelledAsAmountsWithEveryNameShown() {
        open("/?region=440000&period=2024-H1");
        @SuppressWarnings("unchecked")
        List<String> labels = (List<String>) script("""
                const option = window.pipelineDashboard.charts['region-chart'].getOption();
                const label = option.series[0].label.formatter;
                return option.series[0].data.map(d => label({data: d}) + ' = ' + d.value);""");
        assertThat(labels).as("each bar's label is its amount").allSatisfy(text -> {
            String[] parts = text.split(" = ");
            assertThat(new java.math.BigDecimal(parts[0].replace(",", ""))).isEqualByComparingTo(parts[1]);
        });
        assertThat(((Number) script("""
                const option = window.pipelineDashboard.charts['region-chart'].getOption();
                return option.yAxis[0].axisLabel.interval;""")).intValue()).as("no city label left out").isZero();
    }

    @Test
    void anEmptyPeriodSaysSoInWords() {
        open("/?region=441200&period=2016");

        assertThat(tile("SIGNED", "projects")).isEqualTo("0 个");
        assertThat(browser.findElement(By.id("funnel-chart-empty")).getText()).isEqualTo("本期无签约项目");
        assertThat(browser.findElement(By.id("industry-chart-empty")).getText()).contains("本期无签约项目");
        assertThat(browser.findElement(By.id("funnel-chart-empty")).isDisplayed()).isTrue();
    }

    /** A level's list cut at its 200 longest-standing says so, on a wall and a phone, in both languages. */
    @Test
    void aCutAlertListSaysHowManyThereAreOnAWallAndAPhone() throws IOException {
        long red = Json.of(TestHttp.onPort(port).get("/api/v1/alerts/counts?regionCode=441200")).get("RED").asLong();
        assertThat(red).as("the demo's Zhaoqing has more red alerts than a list shows").isGreaterThan(200);
        String total = String.format(java.util.Locale.ROOT, "%,d", red);
        for (int[] size : new int[][]{{1920, 1080}, {390, 844}}) {
            for (String lang : List.of("zh", "en")) {
                viewport(size[0], size[1], size[0] <= 480);
                open("/?region=441200&period=2024-H1" + ("en".equals(lang) ? "&lang=en" : ""));
                browser.findElement(By.cssSelector("[data-level=RED]")).click();
                waitUntil(d -> d.findElements(By.cssSelector("#alert-list tr[data-alert]")).size() == 200);
                assertThat(browser.findElement(By.cssSelector("#alert-list .alerts-first-only")).getText())
                        .isEqualTo("en".equals(lang) ? "Showing the 200 longest-standing of " + total
                                : "仅列出预警时间最长的 200 个，共 " + total + " 个");
                assertThat((Boolean) script("return document.documentElement.scrollWidth <= window.innerWidth;"))
                        .as(size[0] + " " + lang + ": no horizontal scroll").isTrue();
                script("document.getElementById('alert-list').scrollIntoView(); window.scrollBy(0, -60);");
                shot("dashboard-alerts-" + size[0] + "-" + lang);
            }
        }
        chromium.desktop();
    }

    /** The sizes of a meeting-room wall, a laptop and a phone, in both languages. */
    @Test
    void readableWithoutOverlapsOnAWallALaptopAndAPhone() throws IOException {
        for (int[] size : new int[][]{{1920, 1080}, {1366, 768}, {390, 844}}) {
            for (String lang : List.of("zh", "en")) {
                String name = size[0] + "x" + size[1] + "-" + lang;
                viewport(size[0], size[1], size[0] <= 480);
                open("/?region=441200&period=2024-H1" + ("en".equals(lang) ? "&lang=en" : ""));
                screenshot("dashboard-" + name);
                assertLaidOutCleanly(name);
                open("/?region=440000&period=2024-H1" + ("en".equals(lang) ? "&lang=en" : ""));
                assertLaidOutCleanly(name + " province");
            }
        }
    }

    /** No horizontal scroll; tiles, funnel labels, rate cards and the projects' cells keep to their own boxes. */
    private void assertLaidOutCleanly(String view) {
        assertThat((Boolean) script("return document.documentElement.scrollWidth <= window.innerWidth;"))
                .as(view + ": no horizontal scroll").isTrue();
        for (String selector : List.of(".tile", ".tile > *", "#funnel-rates .rate", "#largest td", "#largest th",
                "header .brand, header .header-right")) {
            assertThat((String) script(OVERLAP, selector, null)).as(view + ": " + selector).isEmpty();
        }
        assertThat((String) script(OVERLAP, "#funnel-rates .rate", "funnel-chart")).as(view + ": funnel labels").isEmpty();
        assertThat((String) script(OVERLAP, "#trend-chart", "trend-chart")).as(view + ": trend labels").isEmpty();
        assertThat((String) script(OVERLAP, "#region-chart", "region-chart")).as(view + ": region labels").isEmpty();
        assertThat((Boolean) script("""
                return [...document.querySelectorAll('.tile > *, #largest td, #largest th')]
                    .every(e => e.scrollWidth <= e.clientWidth + 1);""")).as(view + ": nothing cut off").isTrue();
        assertThat(((Number) script("""
                return Math.max(...[...document.querySelectorAll('#largest td.col-name')].map(e => e.offsetHeight));"""))
                .intValue()).as(view + ": project names not one character a line").isLessThan(80);
    }

    /**
     * A description of the first two boxes that overlap among the elements {@code arguments[0]} selects and, with a
     * chart's id as {@code arguments[1]}, the chart's texts (which must also lie within the chart): empty when none do.
     */
    private static final String OVERLAP = """
            const boxes = [...document.querySelectorAll(arguments[0])].map(e => {
              const r = e.getBoundingClientRect();
              return {name: e.id || e.className || e.tagName, left: r.left, top: r.top, right: r.right, bottom: r.bottom};
            }).filter(b => b.right > b.left && b.bottom > b.top);
            const holders = arguments[1] ? [] : boxes;
            if (arguments[1]) {
              const chart = window.pipelineDashboard.charts[arguments[1]];
              const dom = chart.getDom().getBoundingClientRect();
              const texts = [];
              const visit = e => {
                if (e.type === 'text' && e.style.text && !e.invisible && !e.ignore) {
                  texts.push(e);
                } else if (e.type !== 'text' && e.childrenRef) {
                  e.childrenRef().forEach(visit);
                }
              };
              chart.getZr().storage.getRoots().forEach(visit);
              for (const text of texts) {
                const r = text.getBoundingRect().clone();
                if (text.transform) {
                  r.applyTransform(text.transform);
                }
                const box = {name: 'text "' + text.style.text + '"', left: dom.left + r.x, top: dom.top + r.y,
                  right: dom.left + r.x + r.width, bottom: dom.top + r.y + r.height};
                if (box.left < dom.left - 1 || box.right > dom.right + 1) {
                  return box.name + ' is cut off by its chart: ' + JSON.stringify(box) + ' in ' + JSON.stringify(dom);
                }
                holders.push(box);
              }
              if (arguments[0] !== '#' + arguments[1]) {
                holders.push(...boxes);
              }
            }
            for (let i = 0; i < holders.length; i++) {
              for (let j = i + 1; j < holders.length; j++) {
                const a = holders[i], b = holders[j];
                if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) {
                  return a.name + ' overlaps ' + b.name;
                }
              }
            }
            return '';""";

    @Test
    void theWallModeFillsTheScreenAndRefreshesWithoutFlicker() throws IOException {
        viewport(1920, 1080, false);
        open("/?region=441200&period=2024-H1&wall=1&refresh=2");

        assertThat(browser.findElement(By.cssSelector("nav.filters")).isDisplayed()).as("no filters bar").isFalse();
        assertThat(browser.findElement(By.tagName("body")).getDomAttribute("class")).contains("wall");
        WebElement refreshed = browser.findElement(By.id("last-refresh"));
        String first = refreshed.getText();
        assertThat(first).startsWith("数据更新于");
        assertThat(((Number) script("return document.querySelector('#largest').getBoundingClientRect().top;"))
                .doubleValue()).as("the largest projects above the fold").isLessThan(1080 - 200);
        assertThat(((Number) script("return parseFloat(getComputedStyle(document.querySelector('#largest td')).fontSize);"))
                .doubleValue()).as("table text readable from across a room").isGreaterThanOrEqualTo(16);
        shot("dashboard-wall-1920x1080");

        waitUntil(d -> !first.equals(d.findElement(By.id("last-refresh")).getText()));
        assertThat(browser.findElement(By.tagName("body")).getDomAttribute("data-state")).isEqualTo("ready");
        assertThat(tile("SIGNED", "projects")).as("the figures stay on screen while refreshed").isEqualTo("430 个");

        browser.findElement(By.id("wall-exit")).click();
        waitUntil(d -> !d.getCurrentUrl().contains("wall="));
        assertThat(browser.findElement(By.cssSelector("nav.filters")).isDisplayed()).isTrue();
        browser.findElement(By.id("wall-mode")).click();
        waitUntil(d -> d.getCurrentUrl().contains("wall=1"));
        assertThat(browser.findElement(By.cssSelector("nav.filters")).isDisplayed()).isFalse();
    }

    @Test
    void datesAreWrittenYearMonthDayInBothLanguages() {
        for (String lang : List.of("", "&lang=en")) {
            open("/?region=441200&period=2024-H1&asOf=2024-07-01" + lang);
            WebElement asOf = browser.findElement(By.id("as-of"));
            assertThat(asOf.getDomAttribute("type")).isEqualTo("text");
            assertThat(asOf.getDomAttribute("placeholder")).isEqualTo("YYYY-MM-DD");
            assertThat(asOf.getDomProperty("value")).isEqualTo("2024-07-01");
        }
        WebElement asOf = browser.findElement(By.id("as-of"));
        asOf.sendKeys(Keys.chord(Keys.CONTROL, "a"), "2024-02-30", Keys.TAB);
        assertThat(asOf.getDomAttribute("class")).as("not a date: marked, not applied").contains("invalid");
        assertThat(browser.getCurrentUrl()).contains("asOf=2024-07-01");
    }

    @Test
    void theProjectPageShowsTheLatestProgressAmongItsFacts() throws IOException {
        String projectId = jdbc.sql("SELECT project_id FROM project_view WHERE name = '佛山灯塔社区创新中心项目'")
                .query(String.class).single();
        open("/dashboard/projects/" + projectId);
        assertThat(browser.findElement(By.id("project-progress")).getText()).contains("62.9%", "2024-06-30");
        screenshot("project-latest-progress");
        viewport(390, 844, true);
        open("/dashboard/projects/" + projectId + "?lang=en");
        assertThat(browser.findElement(By.id("project-progress")).getText()).contains("62.9%", "as of 2024-06-30");
        assertThat((Boolean) script("return document.documentElement.scrollWidth <= window.innerWidth;")).isTrue();
        screenshot("project-390x844-en");
    }

    /** The contract's additions: a clerk signing in at / lands on the workbench, not on an empty dashboard. */
    @Test
    void aClerkSigningInLandsOnTheWorkbench() {
        signIn("zq-clerk");
        browser.get(url("/"));
        awaitReady();
        assertThat(browser.getCurrentUrl()).endsWith("/workbench");
        assertThat(browser.findElement(By.id("nav-projects")).getText()).isEqualTo("我的项目");
        assertThat(browser.findElements(By.id("tiles"))).isEmpty();
    }
}
