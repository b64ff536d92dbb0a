package cn.pipelinetracker.deploy;

import cn.pipelinetracker.platform.test.PipelineIntegrationTest;
import cn.pipelinetracker.platform.test.TestHttp;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.io.IOException;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auditor's desk in a real browser ({@link Chromium}), as the provincial auditor: the log filtered by actor, event
 * type and recorded time, an event's hashes, "verify now" with its verdict, the export links; in both languages, on a
 * desktop and on a phone. Other roles are told the page is not theirs.
 */
@PipelineIntegrationTest
class AuditBrowserTest extends InBrowser {

    @Override
    String user() {
        return "auditor";
    }

    private List<WebElement> rows() {
        return browser.findElements(By.cssSelector("#audit-events tbody tr"));
    }

    /** A project of Zhaoqing registered and signed by the Zhaoqing clerk; the signing's position. */
    private long signedProject(String name) {
        TestHttp clerk = TestHttp.onPort(port).as("zq-clerk");
        var registered = clerk.post("/api/v1/projects", """
                {"name":"%s","investor":"审计台测试投资有限公司","regionCode":"441204","industry":"NEW_ENERGY",
                 "plannedInvestmentYuan":200000000,"registeredOn":"2024-01-05"}""".formatted(name));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        String id = registered.json().get("projectId").asString();
        var signed = clerk.post("/api/v1/projects/" + id + "/sign", "{\"signedOn\":\"2024-02-01\"}");
        assertThat(signed.status()).isEqualTo(200);
        return signed.json().get("position").asLong();
    }

    private boolean fitsTheScreen() {
        return (Boolean) chromium.script("return document.documentElement.scrollWidth <= window.innerWidth;");
    }

    @Test
    void anAuditorFiltersTheLogOpensAnEventAndVerifiesTheChain() throws IOException {
        long signing = signedProject("审计台项目-" + UUID.randomUUID().toString().substring(0, 8));
        chromium.open("/");
        assertThat(find("#to-audit").getDomAttribute("href")).isEqualTo("/audit");
        chromium.open("/audit");
        assertThat(find("#to-dashboard").getDomAttribute("href")).isEqualTo("/");
        assertThat(find("#public-key").getText()).isNotBlank();
        assertThat(find("#export-ndjson").getDomAttribute("href")).isEqualTo("/api/v1/audit/export");
        assertThat(find("#export-csv").getDomAttribute("href")).isEqualTo("/api/v1/audit/export?format=csv");

        find("#filter-actor").sendKeys("zq-clerk");
        new Select(find("#filter-type")).selectByValue("ProjectSignedEvent");
        find("#filter-from").sendKeys("2000-01-01");
        find("#filter-search").click();
        chromium.waitUntil(d -> browser.getCurrentUrl().contains("actor=zq-clerk"));
        chromium.awaitReady();
        assertThat(rows()).isNotEmpty().allSatisfy(row -> assertThat(row.getText()).contains("zq-clerk")
                .contains("项目签约"));
        assertThat(rows()).extracting(row -> row.getDomAttribute("data-position")).contains(String.valueOf(signing));

        find("#audit-events tr[data-position='" + signing + "'] td").click();
        assertThat(find("#detail-hash").getText()).matches("[0-9a-f]{64}");
        assertThat(find("#detail-public-hash").getText()).matches("[0-9a-f]{64}");
        chromium.screenshot("audit-event-detail");

        find("#filter-from").clear();
        find("#filter-from").sendKeys("2999-01-01");
        find("#filter-search").click();
        chromium.waitUntil(d -> !d.findElements(By.id("no-events")).isEmpty());

        find("#verify-now").click();
        chromium.waitUntil(d -> d.findElement(By.id("verify-result")).getDomAttribute("data-valid") != null);
        assertThat(find("#verify-result").getDomAttribute("data-valid")).isEqualTo("true");
        assertThat(find("#verify-result").getText()).startsWith("完整");
        chromium.screenshot("audit-verified");
    }

    @Test
    void aClerkIsToldThePageIsNotForItsRole() {
        chromium.signIn("zq-clerk");
        chromium.open("/audit");
        assertThat(find("#needs-role").getText()).contains("审计");
        assertThat(browser.findElements(By.id("audit-events"))).isEmpty();
    }

    @Test
    void theDeskFitsAPhoneInBothLanguages() throws IOException {
        signedProject("手机审计-" + UUID.randomUUID().toString().substring(0, 8));
        for (String lang : new String[] {"zh", "en"}) {
            String path = "en".equals(lang) ? "/audit?lang=en" : "/audit";
            chromium.desktop();
            chromium.open(path);
            chromium.screenshot("audit-desktop-" + lang);
            chromium.viewport(390, 844, true);
            chromium.open(path);
            find("#audit-events tbody tr td").click();
            assertThat(fitsTheScreen()).as(path + " at 390 px").isTrue();
            chromium.screenshot("audit-390x844-" + lang);
        }
        assertThat(find("#verify-now").getText()).isEqualTo("Verify now");
    }
}
