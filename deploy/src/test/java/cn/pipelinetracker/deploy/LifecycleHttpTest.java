package cn.pipelinetracker.deploy;

import cn.pipelinetracker.platform.test.PipelineIntegrationTest;
import cn.pipelinetracker.platform.test.TestHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The HTTP contract (api-v1.md: Conventions, Commands, Queries) against the all-in-one application on a real port
 * and its own embedded PostgreSQL. Every refusal is checked twice: the problem+json answer, and the event store's row
 * count before and after ("a rejected request stores nothing").
 * <p>
 * Dates are in the past of any day these tests run on; "the future" is two days after today in the bureau's zone.
 */
@PipelineIntegrationTest
class LifecycleHttpTest {

    private static final ZoneId BUREAU = ZoneId.of("Asia/Shanghai");
    private static final String PROJECTS = "/api/v1/projects";
    private static final HttpClient RAW_CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** One valid body for every command, for "every later command is a 409". */
    private static final Map<String, String> EVERY_COMMAND = orderedMap(
            "sign", """
                    {"signedOn":"2024-02-01"}""",
            "start-construction", """
                    {"startedOn":"2024-03-01"}""",
            "complete-construction", """
                    {"completedOn":"2024-06-01"}""",
            "start-production", """
                    {"startedOn":"2024-06-15"}""",
            "revise-investment", """
                    {"plannedInvestmentYuan":1000,"reason":"调整"}""",
            "report-progress", """
                    {"asOf":"2024-06-30","constructionProgressPercent":10}""",
            "suspend", """
                    {"reason":"暂停"}""",
            "resume", "{}",
            "cancel", """
                    {"reason":"取消"}""",
            "void", """
                    {"reason":"录入错误"}""",
            "correct-milestone", """
                    {"milestone":"REGISTERED","date":"2024-01-11","reason":"更正"}""");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private TestHttp http;

    /** What every accepted command answers. */
    private record Accepted(String projectId, long version, long position) {
    }

    @BeforeEach
    void client() {
        http = TestHttp.onPort(port);
    }

    // ---------------------------------------------------------------------------------------------------------
    // 1. The whole lifecycle, as the contract writes it

    @Test
    void aProjectGoesThroughItsWholeLifeOverHttp() {
        String name = "肇庆端州新能源电池储能基地项目（一期）·" + uniqueChinese();
        String investor = "广东𠮷祥新能源科技股份有限公司";
        String projectCode = "2401-441202-04-01-" + uniqueDigits();

        TestHttp.Response registered = http.post(PROJECTS, """
                {"name":"%s","investor":"%s","regionCode":"441202","industry":"NEW_ENERGY",
                 "plannedInvestmentYuan":1234567890.12,"projectCode":"%s","sourceRegion":"深圳",
                 "registeredOn":"2024-01-10","landAreaMu":350.5,"expectedJobs":1200,"tags":["储能","省重点"]}"""
                .formatted(name, investor, projectCode));

        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        Accepted registration = accepted(registered);
        String id = registration.projectId();
        assertThat(UUID.fromString(id).toString()).isEqualTo(id);
        assertThat(registration.version()).isEqualTo(1);
        assertThat(registration.position()).isGreaterThanOrEqualTo(0);
        assertThat(registered.header("Location")).hasValueSatisfying(location ->
                assertThat(location).endsWith(PROJECTS + "/" + id));

        JsonNode justRegistered = Json.of(http.get(PROJECTS + "/" + id + "?awaitPosition=" + registration.position()));
        assertThat(justRegistered.get("plannedInvestmentYuan").decimalValue())
                .isEqualTo(new BigDecimal("1234567890.12"));
        assertThat(justRegistered.get("stage").asString()).isEqualTo("REGISTERED");
        assertThat(justRegistered.get("status").asString()).isEqualTo("ACTIVE");
        for (String unreached : List.of("signedOn", "constructionStartedOn", "constructionCompletedOn",
                "productionStartedOn")) {
            assertThat(justRegistered.has(unreached)).as(unreached + " present").isTrue();
            assertThat(justRegistered.get(unreached).isNull()).as(unreached + " null").isTrue();
        }

        String path = PROJECTS + "/" + id;
        List<Map.Entry<String, Supplier<TestHttp.Response>>> steps = List.of(
                Map.entry("sign", () -> http.post(path + "/sign", """
                        {"signedOn":"2024-02-01","contractedInvestmentYuan":2345678901.23}""")),
                Map.entry("start-construction", () -> http.post(path + "/start-construction", """
                        {"startedOn":"2024-03-01"}""")),
                Map.entry("report-progress", () -> http.post(path + "/report-progress", """
                        {"asOf":"2024-06-30","completedInvestmentYuan":500000000.5,"constructionProgressPercent":45.5}""")),
                Map.entry("complete-construction", () -> http.post(path + "/complete-construction", """
                        {"completedOn":"2024-12-20"}""")),
                Map.entry("start-production", () -> http.post(path + "/start-production", """
                        {"startedOn":"2025-01-15","scope":"PARTIAL"}""")),
                Map.entry("revise-investment", () -> http.post(path + "/revise-investment", """
                        {"plannedInvestmentYuan":9876543210.98,"reason":"二期追加投资"}""")),
                Map.entry("suspend", () -> http.post(path + "/suspend", """
                        {"reason":"环评复核"}""")),
                Map.entry("resume with no body at all", () -> postWithoutBody(path + "/resume")),
                Map.entry("suspend again", () -> http.post(path + "/suspend", """
                        {"reason":"资金到位延迟"}""")),
                Map.entry("resume with {}", () -> http.post(path + "/resume", "{}")),
                Map.entry("correct-milestone", () -> http.post(path + "/correct-milestone", """
                        {"milestone":"SIGNED","date":"2024-02-03","reason":"合同落款日期更正"}""")),
                Map.entry("cancel", () -> http.post(path + "/cancel", """
                        {"reason":"投资方战略调整"}""")));

        Accepted previous = registration;
        for (var step : steps) {
            TestHttp.Response response = step.getValue().get();
            assertThat(response.status()).as(step.getKey() + ": " + response).isEqualTo(200);
            Accepted result = accepted(response);
            assertThat(result.projectId()).as(step.getKey()).isEqualTo(id);
            assertThat(result.version()).as(step.getKey() + " version").isEqualTo(previous.version() + 1);
            assertThat(result.position()).as(step.getKey() + " position").isGreaterThan(previous.position());
            previous = result;
        }
        assertThat(previous.version()).isEqualTo(13);

        TestHttp.Response detail = http.get(path + "?awaitPosition=" + previous.position());
        assertThat(detail.status()).as(detail.toString()).isEqualTo(200);
        assertThat(detail.header("ETag")).hasValue("\"13\"");
        JsonNode project = Json.of(detail);
        assertThat(project.get("projectId").asString()).isEqualTo(id);
        assertThat(project.get("projectCode").asString()).isEqualTo(projectCode);
        assertThat(project.get("name").asString()).isEqualTo(name);
        assertThat(project.get("investor").asString()).isEqualTo(investor);
        assertThat(project.get("name").asString().getBytes(StandardCharsets.UTF_8))
                .isEqualTo(name.getBytes(StandardCharsets.UTF_8));
        assertThat(project.get("regionCode").asString()).isEqualTo("441202");
        assertThat(project.get("industry").asString()).isEqualTo("NEW_ENERGY");
        assertThat(project.get("sourceRegion").asString()).isEqualTo("深圳");
        assertThat(project.get("plannedInvestmentYuan").decimalValue()).isEqualTo(new BigDecimal("9876543210.98"));
        assertThat(detail.body()).contains("\"plannedInvestmentYuan\":9876543210.98");
        assertThat(project.get("stage").asString()).isEqualTo("IN_PRODUCTION");
        assertThat(project.get("status").asString()).isEqualTo("CANCELLED");
        assertThat(project.get("registeredOn").asString()).isEqualTo("2024-01-10");
        assertThat(project.get("signedOn").asString()).as("corrected").isEqualTo("2024-02-03");
        assertThat(project.get("constructionStartedOn").asString()).isEqualTo("2024-03-01");
        assertThat(project.get("constructionCompletedOn").asString()).isEqualTo("2024-12-20");
        assertThat(project.get("productionStartedOn").asString()).isEqualTo("2025-01-15");
        assertThat(project.get("version").asLong()).isEqualTo(13);

        TestHttp.Response historyResponse = http.get(path + "/history?awaitPosition=" + previous.position());
        assertThat(historyResponse.status()).as(historyResponse.toString()).isEqualTo(200);
        JsonNode history = Json.of(historyResponse);
        List<String> types = new ArrayList<>();
        long expectedVersion = 1;
        for (JsonNode entry : history) {
            assertThat(entry.get("version").asLong()).isEqualTo(expectedVersion++);
            assertThat(entry.get("actor").asString()).isEqualTo("test-admin");
            assertThat(Instant.parse(entry.get("recordedAt").asString())).isBeforeOrEqualTo(Instant.now());
            assertThat(entry.get("data").isObject()).as("data of " + entry).isTrue();
            types.add(entry.get("type").asString());
        }
        assertThat(types).containsExactly("ProjectRegisteredEvent", "ProjectSignedEvent",
                "ConstructionStartedEvent", "ProgressReportedEvent", "ConstructionCompletedEvent",
                "ProductionStartedEvent", "PlannedInvestmentRevisedEvent", "ProjectSuspendedEvent",
                "ProjectResumedEvent", "ProjectSuspendedEvent", "ProjectResumedEvent", "MilestoneDateCorrectedEvent",
                "ProjectCancelledEvent");
        JsonNode registeredData = history.get(0).get("data");
        assertThat(registeredData.get("name").asString()).isEqualTo(name);
        assertThat(registeredData.get("investor").asString()).isEqualTo(investor);
        assertThat(registeredData.get("plannedInvestmentYuan").decimalValue())
                .isEqualTo(new BigDecimal("1234567890.12"));
        assertThat(history.get(1).get("data").get("signedOn").asString())
                .as("the original signing date is never edited").isEqualTo("2024-02-01");
        assertThat(history.get(1).get("data").get("contractedInvestmentYuan").decimalValue())
                .isEqualTo(new BigDecimal("2345678901.23"));
        JsonNode correction = history.get(11).get("data");
        assertThat(correction.get("milestone").asString()).isEqualTo("SIGNED");
        assertThat(correction.get("date").asString()).isEqualTo("2024-02-03");
    }

    @Test
    void theLargestAmountTravelsExactly() {
        Map<String, Object> body = registration("金额精度测试" + uniqueChinese(), "441203");
        body.put("plannedInvestmentYuan", new BigDecimal("9999999999999999.99"));
        Accepted registered = register(body);

        TestHttp.Response detail = http.get(PROJECTS + "/" + registered.projectId() + "?awaitPosition="
                + registered.position());

        assertThat(Json.of(detail).get("plannedInvestmentYuan").decimalValue())
                .isEqualTo(new BigDecimal("9999999999999999.99"));
        assertThat(detail.body()).contains("9999999999999999.99");
    }

    // ---------------------------------------------------------------------------------------------------------
    // 2. 400: the request itself is wrong

    static Stream<Arguments> invalidRegistrations() {
        String future = LocalDate.now(BUREAU).plusDays(2).toString();
        return Stream.of(
                arguments("malformed JSON", "{\"name\": \"半截", null),
                arguments("name missing", without("name"), "name"),
                arguments("investor missing", without("investor"), "investor"),
                arguments("regionCode missing", without("regionCode"), "regionCode"),
                arguments("industry missing", without("industry"), "industry"),
                arguments("plannedInvestmentYuan missing", without("plannedInvestmentYuan"), "plannedInvestmentYuan"),
                arguments("unknown regionCode", with("regionCode", "449999"), "regionCode"),
                arguments("unknown industry", with("industry", "ALCHEMY"), "industry"),
                arguments("registeredOn in the future", with("registeredOn", future), "registeredOn"),
                arguments("negative amount", with("plannedInvestmentYuan", new BigDecimal("-1")),
                        "plannedInvestmentYuan"),
                arguments("non-numeric amount", with("plannedInvestmentYuan", "abc"), "plannedInvestmentYuan"),
                arguments("more than 2 decimals", with("plannedInvestmentYuan", new BigDecimal("1.005")),
                        "plannedInvestmentYuan"),
                arguments("invalid date", with("registeredOn", "2024-02-30"), "registeredOn"),
                arguments("unknown field", with("colour", "red"), "colour"));
    }

    @ParameterizedTest(name = "registration with {0} is a 400")
    @MethodSource("invalidRegistrations")
    void anInvalidRegistrationIsA400AndStoresNothing(String why, String body, String field) {
        JsonNode problem = refusedWithNothingStored(400, () -> http.post(PROJECTS, body));

        if (field != null) {
            assertThat(errorFields(problem)).as(why + ": " + problem).contains(field);
        }
    }

    @Test
    void aFutureSigningDateIsA400AndStoresNothing() {
        Accepted project = register(registration("签约日期测试" + uniqueChinese(), "441202"));
        String future = LocalDate.now(BUREAU).plusDays(2).toString();

        JsonNode problem = refusedWithNothingStored(400, () -> http.post(PROJECTS + "/" + project.projectId()
                + "/sign", "{\"signedOn\":\"" + future + "\"}"));

        assertThat(errorFields(problem)).as(problem.toString()).contains("signedOn");
    }

    @Test
    void aNegativeContractedAmountIsA400AndStoresNothing() {
        Accepted project = register(registration("合同金额测试" + uniqueChinese(), "441202"));

        JsonNode problem = refusedWithNothingStored(400, () -> http.post(PROJECTS + "/" + project.projectId()
                + "/sign", "{\"signedOn\":\"2024-02-01\",\"contractedInvestmentYuan\":-5}"));

        assertThat(errorFields(problem)).contains("contractedInvestmentYuan");
    }

    @Test
    void progressWithNeitherAmountNorPercentIsA400AndStoresNothing() {
        Accepted project = register(registration("进度测试" + uniqueChinese(), "441202"));

        JsonNode problem = refusedWithNothingStored(400, () -> http.post(PROJECTS + "/" + project.projectId()
                + "/report-progress", "{\"asOf\":\"2024-06-30\"}"));

        assertThat(problem.get("errors")).as(problem.toString()).isNotEmpty();
    }

    @Test
    void progressAbove100PercentIsA400AndStoresNothing() {
        Accepted project = register(registration("进度百分比测试" + uniqueChinese(), "441202"));

        JsonNode problem = refusedWithNothingStored(400, () -> http.post(PROJECTS + "/" + project.projectId()
                + "/report-progress", "{\"asOf\":\"2024-06-30\",\"constructionProgressPercent\":101}"));

        assertThat(errorFields(problem)).contains("constructionProgressPercent");
    }

    // ---------------------------------------------------------------------------------------------------------
    // 3. 404: unknown project

    @Test
    void anUnknownProjectIsA404ForCommandsAndQueries() {
        for (String unknown : List.of(UUID.randomUUID().toString(), "not-a-uuid")) {
            refusedWithNothingStored(404, () -> http.post(PROJECTS + "/" + unknown + "/sign",
                    "{\"signedOn\":\"2024-02-01\"}"));
            assertProblem(http.get(PROJECTS + "/" + unknown), 404);
            assertProblem(http.get(PROJECTS + "/" + unknown + "/history"), 404);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // 4. 409: the project's state does not allow it

    @Test
    void signingTwiceIsA409() {
        Accepted project = register(registration("重复签约测试" + uniqueChinese(), "441202"));
        command(project, "sign", "{\"signedOn\":\"2024-02-01\"}");

        refusedWithNothingStored(409, () -> post(project, "sign", "{\"signedOn\":\"2024-02-02\"}"));
    }

    @Test
    void productionCannotStartBeforeConstructionIsA409() {
        Accepted project = register(registration("投产顺序测试" + uniqueChinese(), "441202"));
        command(project, "sign", "{\"signedOn\":\"2024-02-01\"}");

        refusedWithNothingStored(409, () -> post(project, "start-production", "{\"startedOn\":\"2024-03-01\"}"));
    }

    @Test
    void aCancelledProjectAcceptsNoFurtherCommand() {
        Accepted project = register(registration("取消后测试" + uniqueChinese(), "441202"));
        command(project, "cancel", "{\"reason\":\"投资方撤回\"}");

        EVERY_COMMAND.forEach((action, body) ->
                refusedWithNothingStored(409, () -> post(project, action, body)));
    }

    @Test
    void aVoidedProjectAcceptsNoFurtherCommand() {
        Accepted project = register(registration("作废后测试" + uniqueChinese(), "441202"));
        command(project, "void", "{\"reason\":\"重复录入\"}");

        EVERY_COMMAND.forEach((action, body) ->
                refusedWithNothingStored(409, () -> post(project, action, body)));
    }

    @Test
    void aSuspendedProjectDoesNotAdvance() {
        Accepted project = register(registration("暂停推进测试" + uniqueChinese(), "441202"));
        command(project, "suspend", "{\"reason\":\"用地报批\"}");

        refusedWithNothingStored(409, () -> post(project, "sign", "{\"signedOn\":\"2024-02-01\"}"));
        refusedWithNothingStored(409, () -> post(project, "suspend", "{\"reason\":\"再次暂停\"}"));

        command(project, "resume", "{}");
        refusedWithNothingStored(409, () -> post(project, "resume", "{}"));
        command(project, "sign", "{\"signedOn\":\"2024-02-01\"}");
    }

    @Test
    void milestoneDatesMustStayInOrder() {
        Map<String, Object> body = registration("日期顺序测试" + uniqueChinese(), "441202");
        body.put("registeredOn", "2024-05-01");
        Accepted project = register(body);

        refusedWithNothingStored(409, () -> post(project, "sign", "{\"signedOn\":\"2024-04-30\"}"));
        command(project, "sign", "{\"signedOn\":\"2024-05-10\"}");
        refusedWithNothingStored(409, () -> post(project, "start-construction", "{\"startedOn\":\"2024-05-09\"}"));
        command(project, "start-construction", "{\"startedOn\":\"2024-06-01\"}");
        refusedWithNothingStored(409, () -> post(project, "complete-construction",
                "{\"completedOn\":\"2024-05-31\"}"));
        refusedWithNothingStored(409, () -> post(project, "start-production", "{\"startedOn\":\"2024-05-31\"}"));
        refusedWithNothingStored(409, () -> post(project, "correct-milestone",
                "{\"milestone\":\"SIGNED\",\"date\":\"2024-06-02\",\"reason\":\"更正\"}"));
        refusedWithNothingStored(409, () -> post(project, "correct-milestone",
                "{\"milestone\":\"REGISTERED\",\"date\":\"2024-05-11\",\"reason\":\"更正\"}"));
        refusedWithNothingStored(409, () -> post(project, "correct-milestone",
                "{\"milestone\":\"CONSTRUCTION_COMPLETED\",\"date\":\"2024-06-05\",\"reason\":\"未竣工\"}"));
    }

    @Test
    void aProjectCodeBelongsToOneProjectUntilThatOneIsVoided() {
        String code = "2405-441202-89-01-" + uniqueDigits();
        Map<String, Object> first = registration("项目代码测试" + uniqueChinese(), "441202");
        first.put("projectCode", code);
        Accepted original = register(first);

        Map<String, Object> second = registration("项目代码重复" + uniqueChinese(), "441203");
        second.put("projectCode", code);
        refusedWithNothingStored(409, () -> http.post(PROJECTS, Json.write(second)));

        command(original, "void", "{\"reason\":\"项目代码录入错误\"}");
        Accepted again = register(second);
        assertThat(again.projectId()).isNotEqualTo(original.projectId());
    }

    // ---------------------------------------------------------------------------------------------------------
    // 5. 412: If-Match

    @Test
    void aStaleIfMatchIsA412AndTheCurrentVersionIsAccepted() {
        Accepted project = register(registration("版本校验测试" + uniqueChinese(), "441202"));
        command(project, "sign", "{\"signedOn\":\"2024-02-01\"}");

        refusedWithNothingStored(412, () -> http.post(PROJECTS + "/" + project.projectId() + "/start-construction",
                "{\"startedOn\":\"2024-03-01\"}", "If-Match", "\"1\""));

        TestHttp.Response quoted = http.post(PROJECTS + "/" + project.projectId() + "/start-construction",
                "{\"startedOn\":\"2024-03-01\"}", "If-Match", "\"2\"");
        assertThat(quoted.status()).as(quoted.toString()).isEqualTo(200);
        assertThat(accepted(quoted).version()).isEqualTo(3);

        TestHttp.Response unquoted = http.post(PROJECTS + "/" + project.projectId() + "/report-progress",
                "{\"asOf\":\"2024-03-02\",\"constructionProgressPercent\":5}", "If-Match", "3");
        assertThat(unquoted.status()).as(unquoted.toString()).isEqualTo(200);
        assertThat(accepted(unquoted).version()).isEqualTo(4);
    }

    // ---------------------------------------------------------------------------------------------------------
    // 6. Idempotency-Key and correlation

    @Test
    void theSameIdempotencyKeyAndBodyAnswersTheFirstResponseAgainAndStoresOnce() {
        String key = "reg-" + UUID.randomUUID();
        String body = Json.write(registration("幂等登记测试" + uniqueChinese(), "441202"));
        long before = storedEvents();

        TestHttp.Response first = http.post(PROJECTS, body, "Idempotency-Key", key);
        TestHttp.Response second = http.post(PROJECTS, body, "Idempotency-Key", key);

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(second.status()).as(second.toString()).isEqualTo(first.status());
        assertThat(accepted(second)).isEqualTo(accepted(first));
        assertThat(second.header("Location")).isEqualTo(first.header("Location"));
        assertThat(storedEvents()).isEqualTo(before + 1);
        assertThat(eventsOf(accepted(first).projectId())).isEqualTo(1);
        assertThat(metaDataOf(accepted(first).projectId(), 0))
                .contains("\"idempotencyKey\"")
                .contains(key);
    }

    @Test
    void theSameIdempotencyKeyOnACommandAnswersTheFirstResponseAgain() {
        Accepted project = register(registration("幂等签约测试" + uniqueChinese(), "441202"));
        String key = "sign-" + UUID.randomUUID();

        TestHttp.Response first = http.post(PROJECTS + "/" + project.projectId() + "/sign",
                "{\"signedOn\":\"2024-02-01\"}", "Idempotency-Key", key);
        TestHttp.Response second = http.post(PROJECTS + "/" + project.projectId() + "/sign",
                "{\"signedOn\":\"2024-02-01\"}", "Idempotency-Key", key);

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(second.status()).as(second.toString()).isEqualTo(200);
        assertThat(accepted(second)).isEqualTo(accepted(first));
        assertThat(eventsOf(project.projectId())).isEqualTo(2);
    }

    @Test
    void theSameIdempotencyKeyWithADifferentBodyIsA422AndStoresNothing() {
        String key = "reg-" + UUID.randomUUID();
        TestHttp.Response first = http.post(PROJECTS,
                Json.write(registration("幂等冲突测试" + uniqueChinese(), "441202")), "Idempotency-Key", key);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);

        refusedWithNothingStored(422, () -> http.post(PROJECTS,
                Json.write(registration("幂等冲突另一个" + uniqueChinese(), "441202")), "Idempotency-Key", key));
    }

    @Test
    void theCorrelationIdOfACommandIsKeptInItsEventsMetadata() {
        Accepted project = register(registration("关联号测试" + uniqueChinese(), "441202"));

        TestHttp.Response signed = http.post(PROJECTS + "/" + project.projectId() + "/sign",
                "{\"signedOn\":\"2024-02-01\"}", "X-Correlation-Id", "abc-123");

        assertThat(signed.status()).as(signed.toString()).isEqualTo(200);
        JsonNode metaData = Json.parse(metaDataOf(project.projectId(), 1));
        assertThat(metaData.findValue("correlationId")).as(metaData.toString()).isNotNull();
        assertThat(metaData.findValue("correlationId").asString()).isEqualTo("abc-123");
        assertThat(metaData.findValue("actor").asString()).isEqualTo("test-admin");
    }

    // ---------------------------------------------------------------------------------------------------------
    // 7. Concurrency: one project, twenty signatures at once

    @Test
    void ofTwentyConcurrentSignaturesExactlyOneWins() throws Exception {
        Accepted project = register(registration("并发签约测试" + uniqueChinese(), "441202"));
        int requests = 20;
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        try {
            CountDownLatch ready = new CountDownLatch(requests);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<TestHttp.Response>> futures = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                String signedOn = LocalDate.of(2024, 2, 1).plusDays(i).toString();
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    assertThat(go.await(30, TimeUnit.SECONDS)).isTrue();
                    return post(project, "sign", "{\"signedOn\":\"" + signedOn + "\"}");
                }));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
            go.countDown();

            Map<Integer, Integer> byStatus = new HashMap<>();
            List<String> unexpected = new ArrayList<>();
            for (Future<TestHttp.Response> future : futures) {
                TestHttp.Response response = future.get(60, TimeUnit.SECONDS);
                byStatus.merge(response.status(), 1, Integer::sum);
                if (response.status() != 200 && response.status() != 409) {
                    unexpected.add(response.toString());
                }
                if (response.status() == 409) {
                    assertProblem(response, 409);
                }
            }
            assertThat(unexpected).isEmpty();
            assertThat(byStatus).containsOnly(Map.entry(200, 1), Map.entry(409, requests - 1));
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM domain_event_entry
                        WHERE aggregate_identifier = ? AND payload_type LIKE '%ProjectSignedEvent'""")
                .param(project.projectId()).query(Long.class).single()).isEqualTo(1);
        assertThat(eventsOf(project.projectId())).isEqualTo(2);
    }

    // ---------------------------------------------------------------------------------------------------------
    // 8. Operations

    @Test
    void healthIsUpAndMetricsAreServed() {
        TestHttp.Response health = http.get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(Json.of(health).get("status").asString()).isEqualTo("UP");

        TestHttp.Response metrics = http.get("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_");
    }

    // ---------------------------------------------------------------------------------------------------------
    // 9. Reference data and the project list

    @Test
    void regionsComeParentsFirstWithDivisionsAndZones() {
        TestHttp.Response response = http.get("/api/v1/regions");
        assertThat(response.status()).isEqualTo(200);

        Map<String, JsonNode> byCode = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode region : Json.of(response)) {
            String code = region.get("code").asString();
            JsonNode parent = region.get("parentCode");
            if (parent != null && !parent.isNull()) {
                assertThat(seen).as("parent of " + code + " listed before it").contains(parent.asString());
            }
            assertThat(region.get("nameZh").asString()).isNotBlank();
            assertThat(region.get("nameEn").asString()).isNotBlank();
            assertThat(region.get("kind").asString()).isIn("PROVINCE", "CITY", "DISTRICT", "ZONE", "PARK");
            seen.add(code);
            byCode.put(code, region);
        }
        assertThat(byCode.get("440000").get("kind").asString()).isEqualTo("PROVINCE");
        assertThat(byCode.get("440000").get("nameZh").asString()).isEqualTo("广东省");
        assertThat(byCode.get("441200").get("kind").asString()).isEqualTo("CITY");
        assertThat(byCode.get("441200").get("parentCode").asString()).isEqualTo("440000");
        assertThat(byCode.get("440600-FSHT").get("kind").asString()).isEqualTo("ZONE");
        assertThat(byCode.get("440600-FSHT").get("parentCode").asString()).isEqualTo("440600");
    }

    @Test
    void industriesAreListed() {
        TestHttp.Response response = http.get("/api/v1/industries");
        assertThat(response.status()).isEqualTo(200);

        JsonNode industries = Json.of(response);
        assertThat(industries.size()).isPositive();
        for (JsonNode industry : industries) {
            assertThat(industry.get("code").asString()).isNotBlank();
            assertThat(industry.get("nameZh").asString()).isNotBlank();
            assertThat(industry.get("nameEn").asString()).isNotBlank();
        }
    }

    @Test
    void theListRollsUpRegionsAndFindsChineseText() {
        String fragment = uniqueChinese();
        Accepted project = register(registration("端州智能制造产业园" + fragment + "项目", "441202"));
        String q = "&q=" + TestHttp.encode(fragment) + "&awaitPosition=" + project.position();

        JsonNode province = list("regionCode=440000" + q);
        assertThat(projectIds(province)).containsExactly(project.projectId());
        assertThat(province.get("total").asLong()).isEqualTo(1);
        assertThat(province.get("page").asInt()).isEqualTo(0);
        assertThat(province.get("size").asInt()).isPositive();
        assertThat(projectIds(list("regionCode=441200" + q))).containsExactly(project.projectId());
        assertThat(projectIds(list("regionCode=441202" + q))).containsExactly(project.projectId());
        assertThat(projectIds(list("q=" + TestHttp.encode("智能制造产业园" + fragment)
                + "&awaitPosition=" + project.position()))).containsExactly(project.projectId());

        JsonNode foshan = list("regionCode=440600" + q);
        assertThat(foshan.get("items")).isEmpty();
        assertThat(foshan.get("total").asLong()).isZero();

        JsonNode paged = list("size=1&page=0");
        assertThat(paged.get("items").size()).isEqualTo(1);
        assertThat(paged.get("size").asInt()).isEqualTo(1);
        assertThat(paged.get("total").asLong()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void invalidListParametersAreA400() {
        assertThat(errorFields(assertProblem(http.get(PROJECTS + "?stage=FOO"), 400))).contains("stage");
        assertThat(errorFields(assertProblem(http.get(PROJECTS + "?size=0"), 400))).contains("size");
    }

    // ---------------------------------------------------------------------------------------------------------
    // Helpers

    private JsonNode list(String query) {
        TestHttp.Response response = http.get(PROJECTS + "?" + query);
        assertThat(response.status()).as(query + ": " + response).isEqualTo(200);
        JsonNode page = Json.of(response);
        assertThat(page.has("items")).isTrue();
        assertThat(page.has("page")).isTrue();
        assertThat(page.has("size")).isTrue();
        assertThat(page.has("total")).isTrue();
        return page;
    }

    private static List<String> projectIds(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("projectId").asString()));
        return ids;
    }

    /** A valid registration: change a field to make an invalid one. */
    private static Map<String, Object> registration(String name, String regionCode) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("investor", "广东测试投资集团有限公司");
        body.put("regionCode", regionCode);
        body.put("industry", "NEW_ENERGY");
        body.put("plannedInvestmentYuan", new BigDecimal("500000000"));
        body.put("registeredOn", "2024-01-10");
        return body;
    }

    private static String without(String field) {
        Map<String, Object> body = registration("缺字段测试", "441202");
        body.remove(field);
        return Json.write(body);
    }

    private static String with(String field, Object value) {
        Map<String, Object> body = registration("字段校验测试", "441202");
        body.put(field, value);
        return Json.write(body);
    }

    private Accepted register(Map<String, Object> body) {
        TestHttp.Response response = http.post(PROJECTS, Json.write(body));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return accepted(response);
    }

    private TestHttp.Response post(Accepted project, String action, String body) {
        return http.post(PROJECTS + "/" + project.projectId() + "/" + action, body);
    }

    private Accepted command(Accepted project, String action, String body) {
        TestHttp.Response response = post(project, action, body);
        assertThat(response.status()).as(action + ": " + response).isEqualTo(200);
        return accepted(response);
    }

    private static Accepted accepted(TestHttp.Response response) {
        JsonNode json = Json.of(response);
        return new Accepted(json.get("projectId").asString(), json.get("version").asLong(),
                json.get("position").asLong());
    }

    /** A POST with no body and no Content-Type at all, as {@code curl -X POST} sends it. */
    private TestHttp.Response postWithoutBody(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .POST(HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        (TestHttp.ADMIN + ":" + TestHttp.ADMIN + "-pw").getBytes(StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(30))
                .build();
        try {
            HttpResponse<String> response = RAW_CLIENT.send(request,
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new TestHttp.Response(response.statusCode(), response);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends a request that must be refused with {@code status}, and proves the event store did not change. */
    private JsonNode refusedWithNothingStored(int status, Supplier<TestHttp.Response> request) {
        long before = storedEvents();
        JsonNode problem = assertProblem(request.get(), status);
        assertThat(storedEvents()).as("events stored by a refused request: " + problem).isEqualTo(before);
        return problem;
    }

    /** RFC 9457: the status, the media type and the four members the contract requires. */
    private static JsonNode assertProblem(TestHttp.Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).as("Content-Type of " + response)
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = Json.of(response);
        for (String member : List.of("type", "title", "status", "detail")) {
            assertThat(problem.hasNonNull(member)).as(member + " in " + problem).isTrue();
        }
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        return problem;
    }

    private static List<String> errorFields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        JsonNode errors = problem.get("errors");
        if (errors != null) {
            errors.forEach(error -> fields.add(error.path("field").asString(null)));
        }
        return fields;
    }

    private long storedEvents() {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry").query(Long.class).single();
    }

    private long eventsOf(String projectId) {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?")
                .param(projectId).query(Long.class).single();
    }

    private String metaDataOf(String projectId, long sequenceNumber) {
        return jdbc.sql("""
                        SELECT convert_from(meta_data, 'UTF8') FROM domain_event_entry
                        WHERE aggregate_identifier = ? AND sequence_number = ?""")
                .params(projectId, sequenceNumber).query(String.class).single();
    }

    /** Four random CJK ideographs: a name fragment no other test run uses. */
    private static String uniqueChinese() {
        StringBuilder text = new StringBuilder();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 4; i++) {
            text.appendCodePoint(random.nextInt(0x4E00, 0x9FA6));
        }
        return text.toString();
    }

    private static String uniqueDigits() {
        return String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000));
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
