package cn.pipelinetracker.deploy;

import cn.pipelinetracker.platform.test.PipelineIntegrationTest;
import cn.pipelinetracker.platform.test.TestHttp;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Published figures in a real browser ({@link Chromium}), as the Zhaoqing leader: publish a dashboard tile's figure,
 * change history, and read the restatement — the publication page with published vs now, the cause of each change
 * and the link to the project's record — and the list with its restated mark, on a desktop and on a phone, in both
 * languages.
 */
@PipelineIntegrationTest
class PublicationsBrowserTest extends InBrowser {

    @Override
    String user() {
        return "zq-leader";
    }

    private String signed(TestHttp clerk, long yuan, String signedOn) {
        var registered = clerk.post("/api/v1/projects", """
                {"name":"页面发布测试项目","investor":"投资方","regionCode":"441284","industry":"NEW_ENERGY",
                 "plannedInvestmentYuan":%d,"registeredOn":"2013-04-01"}""".formatted(yuan));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        String id = registered.json().get("projectId").asString();
        assertThat(clerk.post("/api/v1/projects/" + id + "/sign", "{\"signedOn\":\"" + signedOn + "\"}").status())
                .isEqualTo(200);
        return id;
    }

    @Test
    void aLeaderPublishesATileAndReadsWhyItChanged() throws IOException {
        TestHttp clerk = TestHttp.onPort(port).as("zq-clerk", "zq-clerk-pw");
        signed(clerk, 100_000_000, "2013-05-10");
        String moved = signed(clerk, 250_000_000, "2013-05-20");
        long head = jdbc.sql("SELECT max(global_index) FROM domain_event_entry").query(Long.class).single();
        assertThat(TestHttp.onPort(port).get("/api/v1/projects?size=1&awaitPosition=" + head).status()).isEqualTo(200);

        chromium.open("/?region=441284&period=2013-05");
        assertThat(browser.findElement(By.cssSelector("[data-tile=SIGNED] .tile-projects")).getText()).isEqualTo("2 个");
        browser.findElement(By.cssSelector("[data-publish=SIGNED]")).click();
        WebElement title = browser.findElement(By.cssSelector(".tile-publish-form input"));
        assertThat(title.getDomProperty("value")).contains("四会市").contains("2013-05-01").contains("签约");
        chromium.screenshot("dashboard-publish-1366-zh");
        browser.findElement(By.cssSelector(".tile-publish-confirm")).click();
        chromium.waitUntil(d -> d.getCurrentUrl().contains("/dashboard/publications/"));
        chromium.awaitReady();
        assertThat(browser.findElement(By.id("published")).getText()).contains("2 个").contains("3.50 亿元");
        String publication = browser.getCurrentUrl().substring(browser.getCurrentUrl().lastIndexOf('/') + 1);

        var corrected = clerk.post("/api/v1/projects/" + moved + "/correct-milestone",
                "{\"milestone\":\"SIGNED\",\"date\":\"2013-06-03\",\"reason\":\"以合同落款日期为准\"}");
        assertThat(corrected.status()).isEqualTo(200);
        assertThat(TestHttp.onPort(port).get("/api/v1/publications/" + publication + "?awaitPosition="
                + corrected.json().get("position").asLong()).status()).isEqualTo(200);

        chromium.open("/dashboard/publications/" + publication);
        assertThat(browser.findElement(By.id("current")).getText()).contains("1 个").contains("1.00 亿元");
        List<WebElement> changes = browser.findElements(By.cssSelector("#changes li"));
        assertThat(changes).hasSize(1);
        assertThat(changes.get(0).getText()).contains("页面发布测试项目").contains("不再计入").contains("-1 个")
                .contains("更正节点日期").contains("zq-clerk").contains("以合同落款日期为准");
        assertThat(changes.get(0).findElement(By.tagName("a")).getDomAttribute("href"))
                .isEqualTo("/dashboard/projects/" + moved);
        chromium.screenshot("publication-1366-zh");

        browser.findElement(By.id("lang-en")).click();
        assertThat(browser.findElement(By.cssSelector("#changes li")).getText()).contains("No longer counted")
                .contains("Milestone date corrected");
        chromium.viewport(390, 844, true);
        chromium.open("/dashboard/publications/" + publication + "?lang=en");
        assertThat((Boolean) chromium.script("return document.documentElement.scrollWidth <= window.innerWidth;"))
                .as("no horizontal scroll on a phone").isTrue();
        chromium.screenshot("publication-390x844-en");

        chromium.open("/dashboard/publications");
        WebElement row = browser.findElement(By.cssSelector("[data-publication='" + publication + "']"));
        assertThat(row.findElement(By.cssSelector("[data-restated]")).getDomAttribute("data-restated"))
                .isEqualTo("true");
        assertThat((Boolean) chromium.script("return document.documentElement.scrollWidth <= window.innerWidth;"))
                .as("no horizontal scroll on a phone").isTrue();
        chromium.screenshot("publications-390x844-zh");
        chromium.desktop();
        chromium.open("/dashboard/publications?lang=en");
        chromium.screenshot("publications-1366-en");
    }

    @Test
    void anAuditorReadsPublicationsButHasNoPublishAction() {
        chromium.signIn("zq-auditor");
        chromium.open("/?region=441284&period=2013-05");
        assertThat(browser.findElements(By.cssSelector("[data-publish]"))).isEmpty();
        chromium.open("/dashboard/publications");
        assertThat(browser.findElement(By.id("publications")).getText()).isNotEmpty();
    }
}
