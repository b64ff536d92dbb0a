package cn.pipelinetracker.deploy;

import cn.pipelinetracker.platform.test.TestHttp;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The campaign board of the dashboard over the demo's Q1 2023 event, and planning, filling and holding a campaign in
 * the workbench, in a real browser ({@link Chromium}); screenshots on a desktop and a 390 px phone.
 */
@DemoDataTest
class CampaignBrowserTest extends InBrowser {

    @Override
    String user() {
        return "test-admin";
    }

    @Test
    void theBoardShowsWhatTheQ1EventAnnouncedAgainstTodayAndWhoHasNotStarted() throws IOException {
        chromium.open("/?region=441200&period=2023");
        WebElement q1 = openQ1();
        assertThat(q1.findElement(By.cssSelector(".col-announced")).getText()).isEqualTo("205 个 · 876.70 亿元");
        assertThat(q1.findElement(By.cssSelector(".col-status")).getText()).isEqualTo("已举行");

        q1.findElement(By.cssSelector(".col-name button")).click();
        List<WebElement> waiting = chromium.waitUntil(d -> {
            List<WebElement> rows = d.findElements(By.cssSelector("[data-not-started] tr[data-project]"));
            return rows.isEmpty() ? null : rows;
        });
        WebElement signing = browser.findElement(By.cssSelector("[data-bucket=SIGNING]"));
        assertThat(signing.findElement(By.cssSelector(".announced")).getText()).startsWith("112 个");
        assertThat(signing.findElement(By.cssSelector(".now")).getText()).as("one cancelled since")
                .startsWith("111 个");
        assertThat(browser.findElement(By.cssSelector("[data-step=counted] .follow-number")).getText()).isEqualTo("205");
        assertThat(browser.findElement(By.cssSelector("[data-step=constructionStarted] .follow-number")).getText())
                .isEqualTo("131 · 63.9%");
        assertThat(browser.findElement(By.cssSelector("[data-campaign-detail] .not-started-title")).getText())
                .as("the signings that have not started since, less the cancelled one").endsWith("· " + (112 - 38 - 1));
        assertThat(waiting).as("the first 20 listed").hasSize(20);
        chromium.screenshot("dashboard-campaign-zhaoqing-2023-q1");

        chromium.viewport(390, 844, true);
        chromium.open("/?region=441200&period=2023");
        openQ1().findElement(By.cssSelector(".col-name button")).click();
        chromium.waitUntil(d -> !d.findElements(By.cssSelector("[data-not-started] tr[data-project]")).isEmpty());
        assertThat((Long) chromium.script("return document.documentElement.scrollWidth;")).as("nothing wider than the phone")
                .isLessThanOrEqualTo(390L);
        chromium.screenshot("dashboard-campaign-zhaoqing-2023-q1-phone");

        chromium.desktop();
        chromium.open("/?region=441200&period=2023&lang=en");
        WebElement english = openQ1();
        assertThat(english.findElement(By.cssSelector(".col-status")).getText()).isEqualTo("Held");
        assertThat(english.findElement(By.cssSelector(".col-announced")).getText()).isEqualTo("205 · RMB 87.67 bn");

        // the board follows the dashboard's asOf: the demo's campaigns were recorded when it loaded, today
        String yesterday = LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(1).toString();
        chromium.open("/?region=441200&period=2023&asOf=" + yesterday);
        String board = chromium.waitUntil(d -> d.findElements(By.cssSelector("#campaigns .empty")).stream()
                .map(WebElement::getText).filter(text -> !text.equals("正在加载…") && !text.isBlank()).findFirst()
                .orElse(null));
        assertThat(board).isEqualTo("本区域暂无活动");
    }

    /** The board's row of the demo's Q1 2023 event, once the board has loaded. */
    private WebElement openQ1() {
        return chromium.waitUntil(d -> d.findElements(By.cssSelector("#campaigns tr[data-campaign]")).stream()
                .filter(row -> row.getText().contains("2023-02-10")).findFirst().orElse(null));
    }

    @Test
    void aCampaignIsPlannedFilledByPastedCodesAndHeldInTheWorkbench() throws IOException {
        TestHttp http = TestHttp.onPort(port);
        String code = "1903-441203-04-01-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        TestHttp.Response registered = http.post("/api/v1/projects", "{\"name\":\"鼎湖智能装备项目\",\"investor\":\"鼎湖装备有限公司\","
                + "\"regionCode\":\"441203\",\"industry\":\"ADVANCED_EQUIPMENT\",\"plannedInvestmentYuan\":300000000,"
                + "\"projectCode\":\"" + code + "\",\"registeredOn\":\"2019-03-01\"}");
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        String projectId = registered.json().get("projectId").asString();
        TestHttp.Response signed = http.post("/api/v1/projects/" + projectId + "/sign", "{\"signedOn\":\"2019-04-02\"}");
        assertThat(signed.status()).isEqualTo(200);
        assertThat(http.get("/api/v1/projects/" + projectId + "?awaitPosition=" + signed.json().get("position").asLong())
                .status()).as("the page finds it by its code").isEqualTo(200);

        chromium.open("/workbench/campaigns");
        browser.findElement(By.name("name")).sendKeys("鼎湖区2019年4月集中签约活动");
        new Select(browser.findElement(By.cssSelector("[data-form=create-campaign] [name=regionCode]")))
                .selectByValue("441203");
        browser.findElement(By.name("heldOn")).sendKeys("2019-04-26");
        browser.findElement(By.cssSelector("[data-action=create-campaign]")).click();
        chromium.waitUntil(d -> d.findElements(By.cssSelector(".campaign-panel[data-status=PLANNED]")).size() == 1);

        browser.findElement(By.name("projectCodes")).sendKeys(code + "\nNO-SUCH-CODE");
        new Select(browser.findElement(By.name("bucket"))).selectByValue("SIGNING");
        browser.findElement(By.cssSelector("[data-action=enrol]")).click();
        chromium.waitUntil(d -> !d.findElements(By.cssSelector(".enrolled-projects tr[data-project='" + projectId
                + "']")).isEmpty());
        WebElement refused = chromium.waitUntil(d -> d.findElements(By.cssSelector("[data-form=enrol] [role=alert]"))
                .stream().findFirst().orElse(null));
        assertThat(refused.getText()).contains("NO-SUCH-CODE");
        assertThat(browser.findElement(By.cssSelector("[data-form=enrol] [role=status]")).getText())
                .contains("已纳入 1 个项目");

        // a project without a code is found by a search and picked
        TestHttp.Response uncoded = http.post("/api/v1/projects", "{\"name\":\"鼎湖无代码检索项目\",\"investor\":\"鼎湖检索有限公司\","
                + "\"regionCode\":\"441203\",\"industry\":\"ADVANCED_EQUIPMENT\",\"plannedInvestmentYuan\":100000000,"
                + "\"registeredOn\":\"2019-03-01\"}");
        String uncodedId = uncoded.json().get("projectId").asString();
        TestHttp.Response uncodedSigned = http.post("/api/v1/projects/" + uncodedId + "/sign",
                "{\"signedOn\":\"2019-04-03\"}");
        assertThat(http.get("/api/v1/projects/" + uncodedId + "?awaitPosition="
                + uncodedSigned.json().get("position").asLong()).status()).isEqualTo(200);
        browser.findElement(By.id("f-enrol-search")).sendKeys("无代码检索");
        chromium.waitUntil(d -> d.findElements(By.cssSelector("#enrol-results li[data-project='" + uncodedId
                + "'] [data-action=pick]")).stream().findFirst().orElse(null)).click();
        chromium.waitUntil(d -> !d.findElements(By.cssSelector(".enrolled-projects tr[data-project='" + uncodedId
                + "']")).isEmpty());
        assertThat(browser.findElement(By.cssSelector(".campaign-panel [role=status]")).getText())
                .contains("鼎湖无代码检索项目");
        chromium.screenshot("workbench-campaign-planned");

        chromium.script("window.confirm = () => true;");
        browser.findElement(By.cssSelector("[data-action=hold]")).click();
        chromium.waitUntil(d -> d.findElements(By.cssSelector(".campaign-panel[data-status=HELD]")).size() == 1);
        assertThat(browser.findElement(By.cssSelector(".campaign-panel [role=status]")).getText()).contains("已举行");
        assertThat(browser.findElements(By.cssSelector("[data-action=withdraw]"))).isEmpty();
        chromium.viewport(390, 844, true);
        chromium.screenshot("workbench-campaign-held-phone");
    }
}
