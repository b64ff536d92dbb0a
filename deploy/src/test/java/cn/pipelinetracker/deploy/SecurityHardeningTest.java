package cn.pipelinetracker.deploy;

import cn.pipelinetracker.platform.test.PipelineIntegrationTest;
import cn.pipelinetracker.platform.test.TestHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12's smaller holes, closed: the province's business gauges only for ADMIN and the scrape role MONITOR (which
 * reads nothing else), a region refusal that does not tell where a foreign project lies, and the pages' headers.
 */
@PipelineIntegrationTest
class SecurityHardeningTest {

    private static final String METRICS = "/actuator/prometheus";

    @LocalServerPort
    int port;

    TestHttp admin;

    @BeforeEach
    void client() {
        admin = TestHttp.onPort(port);
    }

    @Test
    void theMetricsAreOnlyForAdminAndMonitor() {
        for (String user : List.of("zq-clerk", "fs-clerk", "fs-leader", "auditor")) {
            var refused = admin.as(user).get(METRICS);
            assertThat(refused.status()).as(user).isEqualTo(403);
            assertThat(refused.header("Content-Type")).hasValueSatisfying(type ->
                    assertThat(type).startsWith("application/problem+json"));
            assertThat(refused.body()).doesNotContain("pipeline_stage_projects");
        }
        for (String user : List.of(TestHttp.ADMIN, "monitor")) {
            var scrape = admin.as(user).get(METRICS);
            assertThat(scrape.status()).as(user).isEqualTo(200);
            assertThat(scrape.body()).as(user).contains("pipeline_stage_projects");
        }
    }

    @Test
    void theMonitorReadsNothingButTheActuator() {
        TestHttp monitor = admin.as("monitor");
        for (String path : List.of("/api/v1/projects", "/api/v1/regions", "/api/v1/stats/pipeline?regionCode=440000",
                "/api/v1/audit/verify", "/api/v1/admin/projections", "/dashboard/session")) {
            assertThat(monitor.get(path).status()).as(path).isEqualTo(403);
        }
        assertThat(monitor.post("/api/v1/projects", "{}").status()).isEqualTo(403);
        var health = admin.anonymous().get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("{\"status\":\"UP\"}");
    }

    @Test
    void aRegionRefusalDoesNotTellWhereAForeignProjectLies() {
        var registered = admin.post("/api/v1/projects", """
                {"name":"区域拒绝测试项目","investor":"肇庆测试有限公司","regionCode":"441202","industry":"NEW_ENERGY",
                 "plannedInvestmentYuan":1000000,"registeredOn":"2024-01-05"}""");
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        String project = "/api/v1/projects/" + registered.json().get("projectId").asString();

        var sign = admin.as("fs-clerk").post(project + "/sign", "{\"signedOn\":\"2024-02-01\"}");
        var read = admin.as("fs-leader").get(project + "?awaitPosition=" + registered.json().get("position").asLong());
        for (TestHttp.Response refused : List.of(sign, read)) {
            assertThat(refused.status()).isEqualTo(403);
            String detail = refused.json().get("detail").asString();
            assertThat(detail).contains("440600").doesNotContain("441202", "441200");
        }
        var region = admin.as("fs-leader").get("/api/v1/stats/pipeline?regionCode=441200");
        assertThat(region.status()).isEqualTo(403);
        assertThat(region.json().get("detail").asString()).as("a region the user named itself")
                .contains("441200", "440600");
    }

    @Test
    void pagesCarryAContentSecurityPolicyAndAReferrerPolicyAndTheSessionCookieIsSameSite() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        var login = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login")).build(),
                HttpResponse.BodyHandlers.ofString());
        var dashboard = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (TestHttp.ADMIN + ":" + TestHttp.ADMIN + "-pw").getBytes()))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(dashboard.statusCode()).isEqualTo(200);
        for (HttpResponse<String> page : List.of(login, dashboard)) {
            assertThat(page.headers().firstValue("Content-Security-Policy")).as(page.uri().toString())
                    .hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'self'")
                            .doesNotContain("script-src", "style-src ", "style-src-elem", "unsafe-eval"));
            assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
        }
        assertThat(login.body()).as("no inline style or script").doesNotContain("<style", "<script>", "style=");
        assertThat(login.headers().allValues("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("JSESSIONID=").contains("HttpOnly").containsIgnoringCase("SameSite=Lax"));
    }
}
