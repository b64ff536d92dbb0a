package cn.pipelinetracker.deploy;

import cn.pipelinetracker.platform.test.TestHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo data, loaded through the command path, reproduces the published figures through the statistics API,
 * asked one by one and in one batch.
 */
@DemoDataTest
class DemoFiguresHttpTest {

    private static final String STATS_BATCH = "/api/v1/stats/milestones/batch";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Map<String, ApplicationRunner> runners;

    TestHttp http;
    long head;

    @BeforeEach
    void loaded() {
        http = TestHttp.onPort(port);
        head = jdbc.sql("SELECT max(global_index) FROM domain_event_entry").query(Long.class).single();
    }

    private JsonNode stats(String milestone, String region, String from, String to) {
        var response = http.get("/api/v1/stats/milestones?milestone=" + milestone + "&regionCode=" + region
                + "&from=" + from + "&to=" + to + "&awaitPosition=" + head);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    @Test
    void foshanNationalHighTechZone2023() {
        JsonNode signed = stats("SIGNED", "440600-FSHT", "2023-01-01", "2023-11-15");
        assertThat(signed.get("projects").asLong()).isEqualTo(52);
        assertThat(signed.get("plannedInvestmentYuan").decimalValue()).isEqualByComparingTo("67500000000");
    }

    @Test
    void zhaoqingFirstHalf2024() {
        JsonNode signed = stats("SIGNED", "441200", "2024-01-01", "2024-06-30");
        assertThat(signed.get("projects").asLong()).isEqualTo(430);
        assertThat(signed.get("plannedInvestmentYuan").decimalValue()).isEqualByComparingTo("78660000000");
    }

    @Test
    void zhaoqingCentralizedEventOfFebruary2023() {
        long projects = 0;
        BigDecimal total = BigDecimal.ZERO;
        for (String milestone : new String[]{"SIGNED", "CONSTRUCTION_STARTED", "PRODUCTION_STARTED"}) {
            JsonNode bucket = stats(milestone, "441200", "2023-02-01", "2023-02-28");
            projects += bucket.get("projects").asLong();
            total = total.add(bucket.get("plannedInvestmentYuan").decimalValue());
        }
        assertThat(projects).isGreaterThan(200);
        assertThat(total).isEqualByComparingTo("87670000000");
    }

    @Test
    void agglomerationZoneStartingAreaApril2023() {
        assertThat(stats("SIGNED", "441200-JJQ-SBJ", "2023-04-01", "2023-04-30").get("projects").asLong())
                .isEqualTo(22);
        assertThat(stats("CONSTRUCTION_STARTED", "441200-JJQ-SBJ", "2023-04-01", "2023-04-30").get("projects")
                .asLong()).isEqualTo(9);
    }

    @Test
    void theQ1EventIsACampaignThatAnnouncedItsFiguresAndFollowedThrough() {
        List<JsonNode> demo = new ArrayList<>();
        http.get("/api/v1/campaigns?regionCode=441200&awaitPosition=" + head).json().forEach(campaign -> {
            if (campaign.get("heldOn").asString().startsWith("2023-")) {
                demo.add(campaign); // other tests of this application may plan campaigns of their own
            }
        });
        assertThat(demo).extracting(c -> c.get("heldOn").asString()).as("newest first")
                .containsExactly("2023-04-28", "2023-02-10");
        JsonNode q1 = http.get("/api/v1/campaigns/" + demo.get(1).get("campaignId").asString()).json();
        assertThat(q1.get("status").asString()).isEqualTo("HELD");
        long projects = 0;
        BigDecimal total = BigDecimal.ZERO;
        for (JsonNode bucket : q1.get("buckets")) {
            projects += bucket.get("announced").get("projects").asLong();
            total = total.add(bucket.get("announced").get("plannedInvestmentYuan").decimalValue());
        }
        assertThat(projects).isEqualTo(205);
        assertThat(total).isEqualByComparingTo("87670000000");
        JsonNode followThrough = q1.get("followThrough");
        assertThat(followThrough.get("enrolled").asLong()).isEqualTo(206);
        assertThat(followThrough.get("voided").asLong()).isEqualTo(1);
        assertThat(followThrough.get("cancelled").asLong()).isEqualTo(1);
        assertThat(followThrough.get("constructionStarted").asLong()).as("68 + 25 on the day, 38 signings since")
                .isEqualTo(68 + 25 + 38);
        assertThat(followThrough.get("constructionStartRate").asDouble()).isEqualTo((68 + 25 + 38) / 205.0);
    }

    @Test
    void theDashboardsCohortCountsWhatTheProjectsSignedInAPeriodReachedSince() {
        String cohort = "&signedFrom=2022-01-01&signedTo=2022-12-31&awaitPosition=" + head;
        var started = http.get("/api/v1/stats/milestones?milestone=CONSTRUCTION_STARTED&regionCode=441200"
                + "&from=2022-01-01&to=2026-01-01" + cohort);
        assertThat(started.json().get("projects").asLong()).as("signed in 2022, started at the February 2023 event")
                .isEqualTo(68);
        assertThat(started.json().get("signedFrom").asString()).isEqualTo("2022-01-01");
        var producing = http.get("/api/v1/stats/milestones?milestone=PRODUCTION_STARTED&regionCode=441200"
                + "&from=2022-01-01&to=2026-01-01" + cohort);
        assertThat(producing.json().get("projects").asLong()).as("those signed in 2021 are not in the cohort")
                .isZero();
        var startingArea = http.get("/api/v1/stats/milestones?milestone=CONSTRUCTION_STARTED&regionCode=441200-JJQ-SBJ"
                + "&from=2023-01-01&to=2026-01-01&signedFrom=2023-04-01&signedTo=2023-04-30&awaitPosition=" + head);
        assertThat(startingArea.json().get("projects").asLong()).isEqualTo(9);
        var knownBeforeTheLoad = http.get("/api/v1/stats/milestones?milestone=CONSTRUCTION_STARTED&regionCode=441200"
                + "&from=2022-01-01&to=2026-01-01" + cohort + "&asOf=2020-01-01T00:00:00Z");
        assertThat(knownBeforeTheLoad.json().get("projects").asLong()).as("the cohort is as known then too").isZero();
        assertThat(stats("SIGNED", "441200", "2024-01-01", "2024-06-30").has("signedFrom"))
                .as("without a cohort the answer keeps the contract's shape").isFalse();

        var half = http.get("/api/v1/stats/milestones?milestone=SIGNED&regionCode=441200&from=2023-01-01"
                + "&to=2023-12-31&signedFrom=2023-01-01");
        assertThat(half.status()).isEqualTo(400);
        assertThat(half.body()).contains("signedTo");
    }

    @Test
    void theLargestProjectsSignedInAPeriodComeFirstWhenAsked() {
        var page = http.get("/api/v1/projects?regionCode=441200&signedFrom=2024-01-01&signedTo=2024-06-30"
                + "&sort=plannedInvestmentYuan&size=3&awaitPosition=" + head);
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.json().get("total").asLong()).isEqualTo(430);
        var items = page.json().get("items");
        assertThat(items.get(0).get("name").asString()).isEqualTo("明丽达新能源零部件项目（一期）");
        assertThat(items.get(0).get("plannedInvestmentYuan").decimalValue())
                .isGreaterThanOrEqualTo(items.get(1).get("plannedInvestmentYuan").decimalValue());
        assertThat(items.get(1).get("plannedInvestmentYuan").decimalValue())
                .isGreaterThanOrEqualTo(items.get(2).get("plannedInvestmentYuan").decimalValue());

        String foshanZone2023 = "/api/v1/projects?regionCode=440600-FSHT&signedFrom=2023-01-01&signedTo=2023-12-31"
                + "&size=1&awaitPosition=" + head;
        assertThat(http.get(foshanZone2023).json().get("total").asLong())
                .as("signed in the period as the statistics count them: the voided duplicate is left out").isEqualTo(52);
        assertThat(http.get(foshanZone2023 + "&status=VOIDED").json().get("total").asLong()).isEqualTo(1);

        var unknownOrder = http.get("/api/v1/projects?sort=name");
        assertThat(unknownOrder.status()).isEqualTo(400);
        assertThat(unknownOrder.body()).contains("plannedInvestmentYuan", "registeredOn");
    }

    @Test
    void everyDemoEventIsRecordedByTheDemoLoader() {
        String demoEvents = "FROM domain_event_entry "
                + "WHERE convert_from(meta_data, 'UTF8')::jsonb ->> 'idempotencyKey' LIKE 'demo-data-v1:%'";
        long loaded = jdbc.sql("SELECT count(*) " + demoEvents).query(Long.class).single();
        assertThat(loaded).as("one event per demo command")
                .isEqualTo(jdbc.sql("SELECT count(*) FROM idempotency_key WHERE idempotency_key LIKE 'demo-data-v1:%'")
                        .query(Long.class).single())
                .isGreaterThan(1500);
        assertThat(jdbc.sql("SELECT count(*) " + demoEvents
                + " AND convert_from(meta_data, 'UTF8')::jsonb ->> 'actor' <> 'demo-loader'").query(Long.class).single())
                .isZero();
        var list = http.get("/api/v1/projects?q=" + TestHttp.encode("灯塔社区创新中心") + "&awaitPosition=" + head);
        assertThat(list.json().get("total").asLong()).isEqualTo(1);
        assertThat(list.json().get("items").get(0).get("plannedInvestmentYuan").decimalValue())
                .isEqualByComparingTo("530000000");
    }

    @Test
    void loadingAgainAppendsNothing() throws Exception {
        ApplicationRunner loader = runners.values().stream()
                .filter(runner -> runner.getClass().getSimpleName().startsWith("DemoDataLoader")).findFirst()
                .orElseThrow();
        loader.run(new DefaultApplicationArguments());
        assertThat(jdbc.sql("SELECT max(global_index) FROM domain_event_entry").query(Long.class).single())
                .isEqualTo(head);
    }

    private static String q(String question) {
        return "&q=" + TestHttp.encode(question);
    }

    @Test
    void theBatchAnswersEachQuestionInOrderAsTheSingleEndpointDoes() {
        List<String> questions = List.of(
                "milestone=SIGNED&regionCode=440600-FSHT&from=2023-01-01&to=2023-11-15",
                "milestone=SIGNED",
                "milestone=CONSTRUCTION_STARTED&industry=NEW_ENERGY",
                "milestone=CONSTRUCTION_STARTED&from=2024-01-01&to=2026-11-30&signedFrom=2024-01-01&signedTo=2024-06-30",
                "milestone=SIGNED&regionCode=441200-JJQ-SBJ&from=2023-04-01&to=2023-04-30&asOf=2099-01-01T00:00:00Z");
        var response = http.get(STATS_BATCH + "?regionCode=441200&from=2024-01-01&to=2024-06-30&awaitPosition=" + head
                + questions.stream().map(DemoFiguresHttpTest::q).reduce("", String::concat));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode answers = response.json().get("answers");
        assertThat(answers.size()).isEqualTo(questions.size());

        assertThat(answers.get(0).get("projects").asLong()).isEqualTo(52);
        assertThat(answers.get(0).get("plannedInvestmentYuan").decimalValue()).isEqualByComparingTo("67500000000");
        assertThat(answers.get(1).get("regionCode").asString()).as("shared parameters fill in").isEqualTo("441200");
        assertThat(answers.get(1).get("projects").asLong()).isEqualTo(430);
        assertThat(answers.get(1).get("plannedInvestmentYuan").decimalValue()).isEqualByComparingTo("78660000000");
        assertThat(answers.get(4).get("projects").asLong()).isEqualTo(22);
        for (int i = 0; i < questions.size(); i++) {
            Map<String, String> alone = new LinkedHashMap<>(Map.of("regionCode", "441200", "from", "2024-01-01",
                    "to", "2024-06-30"));
            for (String pair : questions.get(i).split("&")) {
                alone.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
            }
            var single = http.get("/api/v1/stats/milestones?" + alone.entrySet().stream()
                    .map(e -> e.getKey() + "=" + TestHttp.encode(e.getValue())).collect(Collectors.joining("&")));
            assertThat(single.status()).as(single.body()).isEqualTo(200);
            assertThat(answers.get(i)).as("question %d as asked alone", i).isEqualTo(single.json());
        }
    }

    @Test
    void aRefusedQuestionRefusesTheBatchAndIsNamedInIt() {
        var invalid = http.get(STATS_BATCH + "?regionCode=441200&from=2024-01-01&to=2024-06-30" + q("milestone=SIGNED")
                + q("milestone=OPENED"));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.header("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(invalid.json().get("errors").get(0).get("field").asString()).isEqualTo("q[1].milestone");

        var badDate = http.get(STATS_BATCH + "?regionCode=441200" + q("milestone=SIGNED&from=2024-02-30&to=2024-03-01"));
        assertThat(badDate.status()).isEqualTo(400);
        assertThat(badDate.json().get("errors").get(0).get("field").asString()).isEqualTo("q[0].from");

        assertThat(http.get(STATS_BATCH + "?regionCode=441200&from=2024-01-01&to=2024-06-30").status())
                .as("no question").isEqualTo(400);
        assertThat(http.get(STATS_BATCH + "?regionCode=441200&from=2024-01-01&to=2024-06-30&colour=red"
                + q("milestone=SIGNED")).status()).as("unknown parameter").isEqualTo(400);

        var outside = http.as("fs-leader").get(STATS_BATCH + "?from=2024-01-01&to=2024-06-30"
                + q("milestone=SIGNED&regionCode=440600") + q("milestone=SIGNED&regionCode=441200"));
        assertThat(outside.status()).as("a region outside the user's subtree").isEqualTo(403);
        assertThat(http.as("zq-clerk").get(STATS_BATCH + "?regionCode=441200&from=2024-01-01&to=2024-06-30"
                + q("milestone=SIGNED")).status()).as("statistics are not a clerk's, one by one or in a batch")
                .isEqualTo(403);
    }
}
