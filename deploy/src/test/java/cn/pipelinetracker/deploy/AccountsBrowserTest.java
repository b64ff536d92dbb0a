package cn.pipelinetracker.deploy;

import cn.pipelinetracker.platform.test.PipelineIntegrationTest;
import cn.pipelinetracker.platform.test.TestHttp;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The accounts page in a real browser ({@link Chromium}), as the province's administrator ({@code test-admin}): a
 * bureau creates a leader on the page and hands over the one-time password, the leader's first sign-in goes to the
 * password form, the administrator moves and disables the account; configured users are listed and not editable; on
 * a desktop and on a phone, in Chinese and English.
 */
@PipelineIntegrationTest
class AccountsBrowserTest extends InBrowser {

    @Override
    String user() {
        return "test-admin";
    }

    private JsonNode listed(String name) {
        for (JsonNode user : Json.of(TestHttp.onPort(port).get("/api/v1/admin/users"))) {
            if (user.path("name").asString().equals(name)) {
                return user;
            }
        }
        throw new AssertionError(name + " is not listed");
    }

    @Test
    void anAdministratorCreatesALeaderWhoseFirstSignInChangesThePasswordThenMovesAndDisablesIt() throws Exception {
        chromium.open("/admin/users");
        assertThat(find("#accounts-intro").getText()).contains("本系统维护的账号");
        assertThat(find("tr[data-user=zq-clerk]").getText()).contains("配置文件");
        assertThat(browser.findElements(By.cssSelector("[data-edit=zq-clerk]"))).as("configured: not editable")
                .isEmpty();

        String name = "zq-huang-" + UUID.randomUUID().toString().substring(0, 6);
        type("#new-name", name);
        type("#new-display-name", "黄小明");
        new Select(find("#new-role")).selectByValue("LEADER");
        new Select(find("#new-region")).selectByValue("441200");
        find("#create-user button[type=submit]").click();
        String oneTime = chromium.waitUntil(d -> d.findElements(By.id("one-time-password")).isEmpty() ? null
                : d.findElement(By.id("one-time-password")).getText());
        assertThat(oneTime).hasSize(20);
        assertThat(find("[role=status]").getText()).contains("已创建账号 " + name);
        assertThat(find("tr[data-user=" + name + "]").getText()).contains("黄小明", "领导", "本系统");
        chromium.screenshot("accounts");

        chromium.viewport(390, 844, true);
        chromium.open("/admin/users");
        assertThat((Long) chromium.script("return document.documentElement.scrollWidth - window.innerWidth;"))
                .as("nothing wider than the phone").isLessThanOrEqualTo(0L);
        chromium.screenshot("accounts-phone");
        chromium.desktop();

        find("[data-edit=" + name + "]").click();
        new Select(find("form[data-user=" + name + "] select[name=regionCode]")).selectByValue("441202");
        find("form[data-user=" + name + "] button[type=submit]").click();
        chromium.waitUntil(d -> d.findElement(By.cssSelector("tr[data-user=" + name + "]")).getText()
                .contains("端州"));
        assertThat(listed(name).path("regionCode").asString()).isEqualTo("441202");

        chromium.open("/admin/users?lang=en");
        assertThat(find("h2").getText()).isEqualTo("Accounts");
        assertThat(find("tr[data-user=zq-clerk]").getText()).contains("the configuration (not editable here)");

        browser.manage().deleteAllCookies();
        browser.get(chromium.url("/login"));
        find("#username").sendKeys(name);
        find("#password").sendKeys(oneTime);
        find("button[type=submit]").click();
        chromium.waitUntil(d -> d.getCurrentUrl().endsWith("/password"));
        assertThat(find("form").getText()).contains("一次性密码");
        chromium.shot("accounts-first-sign-in");
        find("#currentPassword").sendKeys(oneTime);
        find("#newPassword").sendKeys("Huang-2026-chosen");
        find("#newPasswordAgain").sendKeys("Huang-2026-chosen");
        find("button[type=submit]").click();
        chromium.waitUntil(d -> !d.getCurrentUrl().contains("/password") && !d.getCurrentUrl().contains("/login"));
        chromium.awaitReady();
        assertThat(find("#user-name").getText()).isEqualTo(name);

        assertThat(TestHttp.onPort(port).patch("/api/v1/admin/users/" + name, "{\"enabled\":false}").status())
                .isEqualTo(200);
        browser.get(chromium.url("/workbench"));
        chromium.waitUntil(d -> d.getCurrentUrl().contains("/login"));
        assertThat(listed(name).path("enabled").asBoolean()).isFalse();
    }

    @Test
    void disablingAndResettingFromThePageAsksFirstAndShowsTheNewOneTimePasswordOnce() {
        String name = "zq-ma-" + UUID.randomUUID().toString().substring(0, 6);
        assertThat(TestHttp.onPort(port).post("/api/v1/admin/users", """
                {"name":"%s","displayName":"马","role":"CLERK","regionCode":"441200"}""".formatted(name)).status())
                .isEqualTo(201);
        chromium.open("/admin/users");

        find("[data-reset=" + name + "]").click();
        browser.switchTo().alert().accept();
        String second = chromium.waitUntil(d -> d.findElements(By.id("one-time-password")).isEmpty() ? null
                : d.findElement(By.id("one-time-password")).getText());
        assertThat(TestHttp.onPort(port).as(name, second).get("/api/v1/projects").body())
                .contains("password-change-required");

        find("[data-disable=" + name + "]").click();
        browser.switchTo().alert().accept();
        chromium.waitUntil(d -> !d.findElements(By.cssSelector("[data-enable=" + name + "]")).isEmpty());
        assertThat(listed(name).path("enabled").asBoolean()).isFalse();
        assertThat(browser.findElements(By.id("one-time-password"))).as("shown once: not after the next change")
                .isEmpty();
    }

    @Test
    void anAdministratorSeesTheScheduledBackupsAndTakesOneNow() throws Exception {
        chromium.open("/admin/users");
        assertThat(find("#backup-schedule").getText()).contains("0 30 2 * * *", "Asia/Shanghai", "7");
        assertThat(find("#backup-last").getText()).isEqualTo("本服务启动以来尚未备份");

        find("#backup-now").click();
        String file = chromium.waitUntil(d -> d.findElements(By.cssSelector("#backup-files tbody tr")).isEmpty() ? null
                : d.findElement(By.cssSelector("#backup-files tbody tr td")).getText());
        assertThat(file).startsWith("pipeline-backup-").endsWith(".zip");
        assertThat(find("#backups [role=status]").getText()).contains(file);
        assertThat(find("#backup-last").getText()).startsWith("成功").contains(file);
        chromium.script("document.getElementById('backups').scrollIntoView()");
        chromium.screenshot("accounts-backups");
        chromium.viewport(390, 844, true);
        chromium.open("/admin/users?lang=en");
        chromium.waitUntil(d -> d.findElements(By.id("backup-files")).isEmpty() ? null : true);
        assertThat((Long) chromium.script("return document.documentElement.scrollWidth - window.innerWidth;"))
                .as("nothing wider than the phone").isLessThanOrEqualTo(0L);
        assertThat((Boolean) chromium.script("""
                const brand = document.querySelector('header .brand').getBoundingClientRect();
                const links = document.querySelector('header .header-right').getBoundingClientRect();
                return brand.right <= links.left || brand.bottom <= links.top;"""))
                .as("an administrator's header links beside or under the title, not over it").isTrue();
        chromium.script("document.getElementById('backups').scrollIntoView()");
        chromium.screenshot("accounts-backups-phone-en");
        chromium.desktop();
    }
}
