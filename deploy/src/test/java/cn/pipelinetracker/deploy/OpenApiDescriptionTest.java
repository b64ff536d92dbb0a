package cn.pipelinetracker.deploy;

import cn.pipelinetracker.platform.test.OpenApiDescription;
import cn.pipelinetracker.platform.test.OpenApiShape;
import cn.pipelinetracker.platform.test.TestHttp;
import io.swagger.v3.oas.models.PathItem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The all-in-one's OpenAPI description: valid for a real parser, every endpoint of both sides in it, examples that
 * validate, the sign-in schemes declared; Swagger UI served from the jar to signed-in users, never with a Basic
 * challenge that would open a browser's password dialog.
 */
@DemoDataTest
class OpenApiDescriptionTest extends OpenApiShape {

    TestHttp http;

    @BeforeEach
    void client() {
        http = TestHttp.onPort(port);
    }

    @Test
    void everyEndpointOfBothSidesIsDescribedWithExamplesThatValidate() {
        assertThat(describedCompletely().operations()).contains("POST /api/v1/projects",
                "POST /api/v1/projects/{id}/sign", "POST /api/v1/projects/{id}/correct-milestone",
                "GET /api/v1/stats/milestones", "GET /api/v1/oc4ids/projects", "POST /api/v1/campaigns",
                "POST /api/v1/campaigns/{id}/hold", "GET /api/v1/campaigns/{id}");
    }

    @Test
    void signInSchemesAndProblemTypesAreDeclared() {
        OpenApiDescription description = OpenApiDescription.served(http);

        assertThat(description.parsed().getComponents().getSecuritySchemes())
                .containsKeys("basicAuth", "bearerAuth", "session", "csrf");
        assertThat(description.parsed().getComponents().getSchemas()).containsKey("Problem");
        assertThat(description.response("/api/v1/projects", PathItem.HttpMethod.POST, "201")).isNotNull();
        assertThat(description.response("/api/v1/projects", PathItem.HttpMethod.POST, "200")).isNull();
        assertThat(description.response("/api/v1/projects/{id}/sign", PathItem.HttpMethod.POST, "409")
                .get("application/problem+json").getExamples())
                .containsKeys("milestone-reached-once", "stages-in-order");
        for (String slug : new String[]{"invalid-request", "unauthenticated", "role-forbidden", "region-forbidden",
                "project-not-found", "milestone-reached-once", "dates-in-order", "expected-version-must-match",
                "duplicate-project-code", "idempotency-key-reused", "position-not-reached", "no-future-dates",
                "campaign-not-found", "enrolled-projects-reached-their-milestone"}) {
            assertThat(description.mentions("urn:pipeline-tracker:problem:" + slug)).as(slug).isTrue();
        }
    }

    @Test
    void theDescriptionNeedsAUser() {
        TestHttp.Response anonymous = http.anonymous().get("/v3/api-docs");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(http.as("zq-clerk").get("/v3/api-docs").status()).isEqualTo(200);
    }

    @Test
    void swaggerUiIsServedFromTheJarToSignedInUsersWithoutAPasswordDialog() throws Exception {
        TestHttp.Response page = http.get("/swagger-ui/index.html");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui-bundle.js").doesNotContain("//unpkg.com", "//cdn");
        TestHttp.Response config = http.get("/v3/api-docs/swagger-config");
        assertThat(config.status()).isEqualTo(200);
        assertThat(config.body()).contains("/v3/api-docs").doesNotContain("https://")
                .doesNotContainPattern("http://(?!localhost:" + port + "/)");

        // a browser without a session: the page sends it to the sign-in form, its static files are served as they
        // are (public code, no data); no answer carries a Basic challenge, which would open a password dialog
        HttpClient browser = HttpClient.newHttpClient();
        HttpResponse<String> navigation = browse(browser, "/swagger-ui/index.html", "text/html,*/*;q=0.8");
        assertThat(navigation.statusCode()).isEqualTo(302);
        assertThat(navigation.headers().firstValue("Location")).hasValueSatisfying(location ->
                assertThat(location).endsWith("/login"));
        HttpResponse<String> redirect = browse(browser, "/swagger-ui.html", "text/html,*/*;q=0.8");
        assertThat(redirect.statusCode()).isEqualTo(302);
        for (String path : new String[]{"/swagger-ui/swagger-ui-bundle.js", "/swagger-ui/swagger-initializer.js",
                "/swagger-ui/swagger-ui.css"}) {
            HttpResponse<String> response = browse(browser, path, "*/*");
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.headers().allValues("WWW-Authenticate")).as(path).isEmpty();
        }
        assertThat(navigation.headers().allValues("WWW-Authenticate")).isEmpty();
        assertThat(redirect.headers().allValues("WWW-Authenticate")).isEmpty();
    }

    private HttpResponse<String> browse(HttpClient browser, String path, String accept) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", accept).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
