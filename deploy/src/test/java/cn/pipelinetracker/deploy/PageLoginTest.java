package cn.pipelinetracker.deploy;

import cn.pipelinetracker.platform.test.PipelineIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTML pages sign in with a form (session + CSRF); the JSON API creates no session, reads the pages' session within
 * the user's region, and takes a command on a session cookie only with the session's CSRF token (contract: "Pages for
 * every role").
 */
@PipelineIntegrationTest
class PageLoginTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    private HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    }

    private static HttpRequest.BodyPublisher form(String... pairs) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            if (!body.isEmpty()) {
                body.append('&');
            }
            body.append(pairs[i]).append('=').append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return HttpRequest.BodyPublishers.ofString(body.toString());
    }

    @Test
    void aPageAsksForTheLoginFormAndTheFormNeedsItsCsrfToken() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        var page = send(browser, request("/").header("Accept", "text/html,application/xhtml+xml"));
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));

        var login = send(browser, request("/login"));
        assertThat(login.statusCode()).isEqualTo(200);
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(login.body());
        assertThat(csrf.find()).as(login.body()).isTrue();

        var withoutToken = send(browser, request("/login").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(form("username", "fs-leader", "password", "fs-leader-pw")));
        assertThat(withoutToken.statusCode()).as("no CSRF token").isEqualTo(403);

        var signedIn = send(browser, request("/login").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(form("username", "fs-leader", "password", "fs-leader-pw", "_csrf", csrf.group(1))));
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying(l ->
                assertThat(l).doesNotContain("error"));
    }

    /** A browser signed in through the form, as the dashboard's user is. */
    private HttpClient signedIn(String user) throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        var login = send(browser, request("/login"));
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(login.body());
        assertThat(csrf.find()).isTrue();
        var signedIn = send(browser, request("/login").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(form("username", user, "password", user + "-pw", "_csrf", csrf.group(1))));
        assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying(l ->
                assertThat(l).doesNotContain("error"));
        return browser;
    }

    @Test
    void theDashboardReadsTheApiWithItsSessionWithinTheUsersRegion() throws Exception {
        HttpClient browser = signedIn("fs-leader");
        var session = send(browser, request("/dashboard/session"));
        assertThat(session.statusCode()).isEqualTo(200);
        assertThat(session.body()).contains("\"name\":\"fs-leader\"", "\"role\":\"LEADER\"",
                "\"regionCode\":\"440600\"", "\"csrfToken\":\"");

        var own = send(browser, request("/api/v1/stats/milestones?milestone=SIGNED&regionCode=440600"
                + "&from=2023-01-01&to=2023-12-31"));
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        var other = send(browser, request("/api/v1/stats/milestones?milestone=SIGNED&regionCode=441200"
                + "&from=2023-01-01&to=2023-12-31"));
        assertThat(other.statusCode()).isEqualTo(403);
    }

    private static final String REGISTRATION = """
            {"name":"页面登记","investor":"某公司","regionCode":"440600","industry":"ELECTRONICS",
             "plannedInvestmentYuan":100000000,"registeredOn":"2024-01-01"}""";

    private long events() {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry").query(Long.class).single();
    }

    private static String metaToken(String html) {
        Matcher meta = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\">").matcher(html);
        assertThat(meta.find()).as(html).isTrue();
        return meta.group(1);
    }

    private HttpRequest.Builder registration() {
        return request("/api/v1/projects").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(REGISTRATION));
    }

    /** The contract's additions: a session without its CSRF token is a 403 (it used to be a 401), nothing stored. */
    @Test
    void aSessionWithoutItsCsrfTokenOrWithAWrongOneIsRefusedAndStoresNothing() throws Exception {
        HttpClient browser = signedIn("test-admin");
        long before = events();

        var missing = send(browser, registration());
        var wrong = send(browser, registration().header("X-CSRF-TOKEN", "not-the-token"));

        for (var refused : java.util.List.of(missing, wrong)) {
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                    assertThat(type).startsWith("application/problem+json"));
            assertThat(refused.body()).contains("csrf-token-invalid");
        }
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void aCommandWithNeitherSessionNorCredentialsIsStill401() throws Exception {
        long before = events();
        var anonymous = send(HttpClient.newHttpClient(), registration().header("X-CSRF-TOKEN", "anything"));
        assertThat(anonymous.statusCode()).as(anonymous.body()).isEqualTo(401);
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void aSessionWithTheTokenOfItsPageSendsACommandRecordedAsThePages() throws Exception {
        HttpClient browser = signedIn("test-admin");
        var dashboard = send(browser, request("/").header("Accept", "text/html"));
        assertThat(dashboard.statusCode()).isEqualTo(200);
        String token = metaToken(dashboard.body());

        var registered = send(browser, registration().header("X-CSRF-TOKEN", token));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        String projectId = Json.parse(registered.body()).get("projectId").asString();
        assertThat(jdbc.sql("SELECT convert_from(meta_data, 'UTF8')::jsonb ->> 'source' FROM domain_event_entry"
                + " WHERE aggregate_identifier = ?").param(projectId).query(String.class).single()).isEqualTo("PAGE");

        // the contract's other header name works as well
        var signed = send(browser, request("/api/v1/projects/" + projectId + "/sign")
                .header("Content-Type", "application/json").header("X-XSRF-TOKEN", token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"signedOn\":\"2024-01-02\"}")));
        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(200);
    }

    @Test
    void scriptsKeepSendingCommandsWithBasicAndWithoutCsrf() throws Exception {
        var registered = send(HttpClient.newHttpClient(), registration().header("Authorization", "Basic "
                + Base64.getEncoder().encodeToString("test-admin:test-admin-pw".getBytes(StandardCharsets.UTF_8))));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        assertThat(jdbc.sql("SELECT convert_from(meta_data, 'UTF8')::jsonb ->> 'source' FROM domain_event_entry"
                        + " WHERE aggregate_identifier = ?").param(Json.parse(registered.body()).get("projectId").asString())
                .query(String.class).single()).isEqualTo("HTTP");
    }

    @Test
    void aClerkLandsOnTheWorkbenchTheOthersOnTheDashboard() throws Exception {
        var clerk = send(signedIn("zq-clerk"), request("/"));
        assertThat(clerk.statusCode()).isEqualTo(302);
        assertThat(clerk.headers().firstValue("Location")).hasValue("/workbench");
        for (String user : new String[] {"fs-leader", "test-admin"}) {
            var landing = send(signedIn(user), request("/"));
            assertThat(landing.statusCode()).as(user).isEqualTo(200);
            assertThat(landing.body()).contains("/assets/dashboard.js");
            metaToken(landing.body());
        }
        var workbench = send(signedIn("zq-clerk"), request("/workbench"));
        assertThat(workbench.statusCode()).isEqualTo(200);
        metaToken(workbench.body());
    }

    @Test
    void theJsonApiKeepsNoSession() throws IOException, InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        var response = client.send(request("/api/v1/regions").header("Authorization", "Basic "
                + Base64.getEncoder().encodeToString("fs-leader:fs-leader-pw".getBytes(StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
    }
}
