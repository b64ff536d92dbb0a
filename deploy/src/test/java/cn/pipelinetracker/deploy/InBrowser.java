package cn.pipelinetracker.deploy;

import cn.pipelinetracker.platform.test.TestHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pages tested in one {@link Chromium} for the whole class: before each test the window is a desktop again, every
 * event stored so far is projected, and {@link #user()} is signed in.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class InBrowser {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    Chromium chromium;
    WebDriver browser;

    /** Who signs in before each test. */
    abstract String user();

    @BeforeAll
    void startBrowser() throws IOException {
        chromium = Chromium.start(port);
        browser = chromium.driver;
    }

    @AfterAll
    void stopBrowser() {
        if (chromium != null) {
            chromium.quit();
        }
    }

    WebElement find(String css) {
        return browser.findElement(By.cssSelector(css));
    }

    void type(String css, String text) {
        WebElement input = find(css);
        input.clear();
        input.sendKeys(text);
    }

    @BeforeEach
    void projectedAndSignedIn() {
        chromium.desktop();
        long head = jdbc.sql("SELECT coalesce(max(global_index), 0) FROM domain_event_entry").query(Long.class).single();
        assertThat(TestHttp.onPort(port).get("/api/v1/projects?size=1&awaitPosition=" + head).status()).isEqualTo(200);
        chromium.signIn(user());
    }
}
