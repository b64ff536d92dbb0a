package cn.pipelinetracker.deploy;

import cn.pipelinetracker.platform.test.PipelineIntegrationTest;
import cn.pipelinetracker.platform.test.TestHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The statistics over HTTP. The database is shared with other test classes, so each test counts only its own
 * projects, told apart by a source region of their own.
 */
@PipelineIntegrationTest
class StatisticsHttpTest {

    @LocalServerPort
    int port;

    TestHttp http;
    String source;
    long position;

    @BeforeEach
    void client() {
        http = TestHttp.onPort(port);
        source = "来源-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private String register(String region, long yuan) {
        var response = http.post("/api/v1/projects", """
                {"name":"统计测试项目","investor":"测试投资有限公司","regionCode":"%s","industry":"NEW_MATERIALS",
                 "plannedInvestmentYuan":%d,"sourceRegion":"%s","registeredOn":"2023-06-01"}"""
                .formatted(region, yuan, source));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        position = response.json().get("position").asLong();
        return response.json().get("projectId").asString();
    }

    private void command(String id, String action, String body) {
        var response = http.post("/api/v1/projects/" + id + "/" + action, body);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        position = response.json().get("position").asLong();
    }

    private String signed(String region, long yuan, String signedOn) {
        String id = register(region, yuan);
        command(id, "sign", "{\"signedOn\":\"" + signedOn + "\"}");
        return id;
    }

    private JsonNode stats(String milestone, String region, String from, String to, String asOf) {
        var response = http.get("/api/v1/stats/milestones?milestone=" + milestone + "&regionCode=" + region
                + "&from=" + from + "&to=" + to + "&sourceRegion=" + TestHttp.encode(source)
                + (asOf == null ? "" : "&asOf=" + asOf) + "&awaitPosition=" + position);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    @Test
    void periodBoundsAreInclusiveAndRegionsRollUp() {
        signed("441226", 100, "2024-01-01");
        signed("441200-JJQ-SH", 200, "2024-06-30");
        signed("441226", 400, "2024-07-01");
        signed("441226", 800, "2023-12-31");

        JsonNode city = stats("SIGNED", "441200", "2024-01-01", "2024-06-30", null);
        assertThat(city.get("projects").asLong()).isEqualTo(2);
        assertThat(city.get("plannedInvestmentYuan").decimalValue()).isEqualByComparingTo("300");
        assertThat(city.get("milestone").asString()).isEqualTo("SIGNED");
        assertThat(city.get("regionCode").asString()).isEqualTo("441200");
        assertThat(city.get("from").asString()).isEqualTo("2024-01-01");
        assertThat(city.get("to").asString()).isEqualTo("2024-06-30");
        assertThat(stats("SIGNED", "440000", "2024-01-01", "2024-06-30", null).get("projects").asLong()).isEqualTo(2);
        assertThat(stats("SIGNED", "441226", "2024-01-01", "2024-06-30", null).get("projects").asLong()).isEqualTo(1);
        assertThat(stats("SIGNED", "440600", "2024-01-01", "2024-06-30", null).get("projects").asLong()).isZero();
        assertThat(stats("REGISTERED", "441200", "2023-06-01", "2023-06-01", null).get("projects").asLong())
                .isEqualTo(4);
    }

    @Test
    void aCancelledProjectStillCountsAVoidedOneNever() {
        signed("441225", 1000, "2024-03-01");
        String cancelled = signed("441225", 2000, "2024-03-02");
        String voided = signed("441225", 4000, "2024-03-03");
        command(cancelled, "cancel", "{\"reason\":\"投资方撤回\"}");
        command(voided, "void", "{\"reason\":\"重复录入\"}");

        JsonNode march = stats("SIGNED", "441200", "2024-03-01", "2024-03-31", null);
        assertThat(march.get("projects").asLong()).isEqualTo(2);
        assertThat(march.get("plannedInvestmentYuan").decimalValue()).isEqualByComparingTo("3000");
    }

    @Test
    void asOfAnswersAsKnownBeforeACorrectionAndNotAfter() {
        String id = signed("441224", 500, "2024-06-28");
        command(id, "revise-investment", "{\"plannedInvestmentYuan\":650,\"reason\":\"追加投资\"}");
        command(id, "correct-milestone", "{\"milestone\":\"SIGNED\",\"date\":\"2024-07-02\",\"reason\":\"以合同为准\"}");
        JsonNode history = http.get("/api/v1/projects/" + id + "/history?awaitPosition=" + position).json();
        Instant revised = Instant.parse(history.get(2).get("recordedAt").asString());
        Instant corrected = Instant.parse(history.get(3).get("recordedAt").asString());

        assertThat(stats("SIGNED", "441200", "2024-01-01", "2024-06-30", null).get("projects").asLong()).isZero();
        assertThat(stats("SIGNED", "441200", "2024-07-01", "2024-07-31", null).get("plannedInvestmentYuan")
                .decimalValue()).isEqualByComparingTo("650");
        JsonNode beforeCorrection = stats("SIGNED", "441200", "2024-01-01", "2024-06-30",
                corrected.minusMillis(1).toString());
        assertThat(beforeCorrection.get("projects").asLong()).isEqualTo(1);
        assertThat(beforeCorrection.get("plannedInvestmentYuan").decimalValue()).isEqualByComparingTo("650");
        assertThat(beforeCorrection.get("asOf").asString()).isEqualTo(corrected.minusMillis(1).toString());
        assertThat(stats("SIGNED", "441200", "2024-01-01", "2024-06-30", revised.minusMillis(1).toString())
                .get("plannedInvestmentYuan").decimalValue()).isEqualByComparingTo("500");
        assertThat(stats("SIGNED", "441200", "2024-01-01", "2024-06-30", corrected.toString()).get("projects")
                .asLong()).isZero();
    }

    @Test
    void thePipelineCountsActiveAndSuspendedProjectsByStageAndCancelledApart() {
        JsonNode before = pipeline("441223");
        String signedOnly = signed("441223", 10, "2024-02-01");
        String building = signed("441223", 20, "2024-02-01");
        command(building, "start-construction", "{\"startedOn\":\"2024-03-01\"}");
        command(building, "suspend", "{\"reason\":\"环评\"}");
        String cancelled = signed("441223", 40, "2024-02-01");
        command(cancelled, "cancel", "{\"reason\":\"撤资\"}");
        String voided = register("441223", 80);
        command(voided, "void", "{\"reason\":\"录入错误\"}");
        JsonNode after = pipeline("441223");

        assertThat(stage(after, "SIGNED") - stage(before, "SIGNED")).isEqualTo(1);
        assertThat(stage(after, "UNDER_CONSTRUCTION") - stage(before, "UNDER_CONSTRUCTION")).isEqualTo(1);
        assertThat(stage(after, "REGISTERED") - stage(before, "REGISTERED")).isZero();
        assertThat(after.get("cancelled").get("projects").asLong() - before.get("cancelled").get("projects").asLong())
                .isEqualTo(1);
        assertThat(after.get("cancelled").get("plannedInvestmentYuan").decimalValue()
                .subtract(before.get("cancelled").get("plannedInvestmentYuan").decimalValue()))
                .isEqualByComparingTo("40");
        assertThat(signedOnly).isNotEqualTo(building);
    }

    @Test
    void invalidStatisticsQuestionsAreA400() {
        assertThat(http.get("/api/v1/stats/milestones?milestone=OPENED&regionCode=441200&from=2024-01-01&to=2024-06-30")
                .status()).isEqualTo(400);
        assertThat(http.get("/api/v1/stats/milestones?milestone=SIGNED&regionCode=999999&from=2024-01-01&to=2024-06-30")
                .status()).isEqualTo(400);
        assertThat(http.get("/api/v1/stats/milestones?milestone=SIGNED&regionCode=441200&from=2024-07-01&to=2024-06-30")
                .status()).isEqualTo(400);
        assertThat(http.get("/api/v1/stats/milestones?milestone=SIGNED&regionCode=441200&from=2024-01-01")
                .status()).isEqualTo(400);
        assertThat(http.get("/api/v1/stats/milestones?milestone=SIGNED&regionCode=441200&from=2024-01-01&to=x")
                .status()).isEqualTo(400);
        var badAsOf = http.get("/api/v1/stats/milestones?milestone=SIGNED&regionCode=441200&from=2024-01-01"
                + "&to=2024-06-30&asOf=yesterday");
        assertThat(badAsOf.status()).isEqualTo(400);
        assertThat(badAsOf.header("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(http.get("/api/v1/stats/pipeline?regionCode=999999").status()).isEqualTo(400);
    }

    private JsonNode pipeline(String region) {
        var response = http.get("/api/v1/stats/pipeline?regionCode=" + region + "&awaitPosition=" + position);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static long stage(JsonNode pipeline, String stage) {
        for (JsonNode entry : pipeline.get("stages")) {
            if (entry.get("stage").asString().equals(stage)) {
                return entry.get("projects").asLong();
            }
        }
        throw new AssertionError("no stage " + stage + " in " + pipeline);
    }
}
