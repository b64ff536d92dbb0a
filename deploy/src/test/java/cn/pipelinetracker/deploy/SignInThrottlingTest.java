package cn.pipelinetracker.deploy;

import cn.pipelinetracker.platform.test.TestHttp;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Repeated failed sign-ins make a user name, and an address, wait — even with the right password — over Basic (API
 * and pages) and the page's form alike. A tiny back-off here (1 s), so that the wait can be awaited. Every request of
 * a test comes from 127.0.0.1, so the address's failures add up over the tests: the methods run in order, the one
 * that exhausts the address last.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "pipeline.embedded-database=true",
        "pipeline.data-dir=target/test-data/${random.uuid}",
        "pipeline.security.sign-in.free-failures-per-name=3",
        "pipeline.security.sign-in.free-failures-per-address=15",
        "pipeline.security.sign-in.first-back-off=1s",
        "pipeline.security.sign-in.max-back-off=1s"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SignInThrottlingTest {

    private static final int FREE_PER_NAME = 3;
    private static final int FREE_PER_ADDRESS = 15;
    private static final Duration PATIENCE = Duration.ofSeconds(15);

    @LocalServerPort
    int port;
    @Autowired
    MeterRegistry meters;

    TestHttp http;

    @BeforeEach
    void client() {
        http = TestHttp.onPort(port);
    }

    private static void assertThrottled(TestHttp.Response response) {
        assertThat(response.status()).isEqualTo(429);
        assertThat(response.header("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(response.header("Retry-After")).hasValueSatisfying(seconds ->
                assertThat(Long.parseLong(seconds)).isBetween(1L, 2L));
    }

    @Test
    @Order(1)
    void basicIsRefusedWithTheRightPasswordAfterRepeatedFailuresUntilTheBackOffHasPassed() {
        for (int i = 0; i < FREE_PER_NAME; i++) {
            assertThat(http.as("zq-clerk", "wrong-" + i).get("/api/v1/regions").status()).isEqualTo(401);
        }
        assertThrottled(http.as("zq-clerk").get("/api/v1/regions"));
        assertThat(basicOnPage("zq-clerk", "zq-clerk-pw").statusCode()).as("the pages' Basic too").isEqualTo(429);
        assertThat(http.as("fs-leader").get("/api/v1/regions").status()).as("another name").isEqualTo(200);

        await().atMost(PATIENCE).until(() -> http.as("zq-clerk").get("/api/v1/regions").status() == 200);
    }

    @Test
    @Order(2)
    void theFormIsRefusedWithTheRightPasswordAfterRepeatedFailures() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        for (int i = 0; i < FREE_PER_NAME; i++) {
            var wrong = signIn(browser, "fs-leader", "wrong-" + i, "text/html");
            assertThat(wrong.statusCode()).isEqualTo(302);
            assertThat(wrong.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).contains("error"));
        }
        var page = signIn(browser, "fs-leader", "fs-leader-pw", "text/html,application/xhtml+xml");
        assertThat(page.statusCode()).isEqualTo(429);
        assertThat(page.headers().firstValue("Retry-After")).isPresent();
        assertThat(page.body()).contains("Too many failed sign-ins", "name=\"username\"");
        var script = signIn(browser, "fs-leader", "fs-leader-pw", "application/json");
        assertThat(script.statusCode()).isEqualTo(429);
        assertThat(script.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(http.as("fs-leader").get("/api/v1/regions").status()).as("the same name over Basic")
                .isEqualTo(429);

        await().atMost(PATIENCE).until(() -> {
            var signedIn = signIn(browser, "fs-leader", "fs-leader-pw", "text/html");
            return signedIn.statusCode() == 302
                    && !signedIn.headers().firstValue("Location").orElse("error").contains("error");
        });
    }

    @Test
    @Order(3)
    void aSuccessfulSignInStartsTheNamesCountAfresh() {
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < FREE_PER_NAME - 1; i++) {
                assertThat(http.as("zq-leader", "wrong").get("/api/v1/regions").status()).isEqualTo(401);
            }
            assertThat(http.as("zq-leader").get("/api/v1/regions").status()).isEqualTo(200);
        }
    }

    @Test
    @Order(4)
    void failuresFromOneAddressUnderManyNamesMakeTheAddressWait() {
        double throttledBefore = meters.counter("pipeline.security.throttled").count();
        int attempts = 0;
        TestHttp.Response response;
        do {
            response = http.as("nobody-" + attempts, "guess").get("/api/v1/regions");
            attempts++;
        } while (response.status() == 401 && attempts <= FREE_PER_ADDRESS + 1);
        assertThat(attempts).as("refused once the address's free failures are used up")
                .isLessThanOrEqualTo(FREE_PER_ADDRESS + 1);
        assertThrottled(response);
        assertThrottled(http.get("/api/v1/regions")); // test-admin, who never failed, from the same address
        assertThat(meters.counter("pipeline.security.throttled").count()).isGreaterThan(throttledBefore);

        await().atMost(PATIENCE).until(() -> http.get("/api/v1/regions").status() == 200);
    }

    private HttpResponse<String> basicOnPage(String user, String password) {
        return send(HttpClient.newHttpClient(), HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/"))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8))));
    }

    private HttpResponse<String> signIn(HttpClient browser, String user, String password, String accept) {
        var login = send(browser, HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login")));
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(login.body());
        assertThat(csrf.find()).as(login.body()).isTrue();
        String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + csrf.group(1);
        return send(browser, HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
