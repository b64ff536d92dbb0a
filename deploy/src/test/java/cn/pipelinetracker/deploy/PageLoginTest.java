package cn.pipelinetracker.deploy;

import cn.pipelinetracker.platform.test.PipelineIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

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

/** HTML pages sign in with a form (session + CSRF); the JSON API stays stateless. */
@PipelineIntegrationTest
class PageLoginTest {

    @LocalServerPort
    int port;

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
