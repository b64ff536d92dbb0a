package cn.pipelinetracker.deploy;

import cn.pipelinetracker.platform.audit.EventChain;
import cn.pipelinetracker.platform.test.PipelineIntegrationTest;
import cn.pipelinetracker.platform.test.TestHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Alerts at each threshold and funds in place, through the all-in-one application. "Today" is a clock the test moves
 * (the application's {@code Clock} bean): each rule is asked on the day before a threshold and on the threshold itself.
 */
@PipelineIntegrationTest
class AlertsAndFundsHttpTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final String PROJECTS = "/api/v1/projects";

    /** The application's clock, moved by the tests; the system clock when not set. */
    static final class MovableClock extends Clock {

        private volatile LocalDate today;

        void set(LocalDate day) {
            today = day;
        }

        @Override
        public ZoneId getZone() {
            return ZONE;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            LocalDate day = today;
            return day == null ? Instant.now() : day.atTime(12, 0).atZone(ZONE).toInstant();
        }
    }

    @TestConfiguration
    static class Today {

        @Bean
        MovableClock clock() {
            return new MovableClock();
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    MovableClock clock;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    EventChain chain;
    @Autowired
    org.axonframework.config.Configuration axon;
    @Autowired
    @Qualifier("eventSerializer")
    Serializer eventSerializer;

    private TestHttp http;
    private long position;

    @BeforeEach
    void client() {
        http = TestHttp.onPort(port);
    }

    @AfterEach
    void realToday() {
        clock.set(null);
    }

    @Test
    void notStartedIsYellowFrom90DaysAfterSigningAndRedFrom180() {
        LocalDate signed = LocalDate.of(2025, 1, 10);
        String id = register("2024-12-01");
        command(id, "sign", "{\"signedOn\":\"" + signed + "\"}");

        assertThat(alertOf(id, signed.plusDays(89))).isNull();
        JsonNode yellow = alertOf(id, signed.plusDays(90));
        assertThat(yellow.get("rule").asString()).isEqualTo("NOT_STARTED");
        assertThat(yellow.get("level").asString()).isEqualTo("YELLOW");
        assertThat(yellow.get("since").asString()).isEqualTo(signed.plusDays(90).toString());
        assertThat(yellow.get("regionCode").asString()).isEqualTo("441202");
        assertThat(yellow.get("detail").asString()).isEqualTo("signed on 2025-01-10, construction not started after 90 days");
        assertThat(alertOf(id, signed.plusDays(179)).get("level").asString()).isEqualTo("YELLOW");
        JsonNode red = alertOf(id, signed.plusDays(180));
        assertThat(red.get("level").asString()).isEqualTo("RED");
        assertThat(red.get("since").asString()).isEqualTo(signed.plusDays(180).toString());

        clock.set(signed.plusDays(180));
        assertThat(ids(http.get("/api/v1/alerts?level=RED&regionCode=441200"))).contains(id);
        assertThat(ids(http.get("/api/v1/alerts?level=YELLOW&regionCode=441200"))).doesNotContain(id);
        JsonNode chinese = find(http.get("/api/v1/alerts?regionCode=441202", "Accept-Language", "zh-CN"), id);
        assertThat(chinese.get("detail").asString()).isEqualTo("2025-01-10 签约，180 天未开工");

        command(id, "start-construction", "{\"startedOn\":\"" + signed.plusDays(180) + "\"}");
        assertThat(alertOf(id, signed.plusDays(180))).as("started: no longer NOT_STARTED").isNull();
    }

    @Test
    void noProgressReportIsYellowWhenTheLastFullMonthHasNoneAndRedAfterTwo() {
        String id = register("2025-01-05");
        command(id, "sign", "{\"signedOn\":\"2025-02-01\"}");
        command(id, "start-construction", "{\"startedOn\":\"2025-03-15\"}");

        assertThat(alertOf(id, LocalDate.of(2025, 4, 30))).as("March was only half under construction").isNull();
        JsonNode yellow = alertOf(id, LocalDate.of(2025, 5, 1));
        assertThat(yellow.get("rule").asString()).isEqualTo("NO_PROGRESS_REPORT");
        assertThat(yellow.get("level").asString()).isEqualTo("YELLOW");
        assertThat(yellow.get("since").asString()).isEqualTo("2025-05-01");
        assertThat(yellow.get("detail").asString()).isEqualTo("under construction since 2025-03-15, no progress report yet");
        assertThat(alertOf(id, LocalDate.of(2025, 5, 31)).get("level").asString()).isEqualTo("YELLOW");
        JsonNode red = alertOf(id, LocalDate.of(2025, 6, 1));
        assertThat(red.get("level").asString()).isEqualTo("RED");
        assertThat(red.get("since").asString()).isEqualTo("2025-06-01");

        clock.set(LocalDate.of(2025, 6, 1));
        command(id, "report-progress", "{\"asOf\":\"2025-05-31\",\"constructionProgressPercent\":20}");
        assertThat(alertOf(id, LocalDate.of(2025, 6, 30))).isNull();
        JsonNode again = alertOf(id, LocalDate.of(2025, 7, 1));
        assertThat(again.get("level").asString()).isEqualTo("YELLOW");
        assertThat(again.get("detail").asString()).isEqualTo("under construction, last progress report as of 2025-05-31");
    }

    @Test
    void suspendedLongIsYellowFrom90DaysAndRedFrom180() {
        String id = register("2025-01-05");
        command(id, "suspend", "{\"reason\":\"环评复核\"}");
        JsonNode history = Json.of(http.get(PROJECTS + "/" + id + "/history?awaitPosition=" + position));
        LocalDate suspended = LocalDate.ofInstant(Instant.parse(history.get(1).get("recordedAt").asString()), ZONE);

        assertThat(alertOf(id, suspended.plusDays(89))).isNull();
        JsonNode yellow = alertOf(id, suspended.plusDays(90));
        assertThat(yellow.get("rule").asString()).isEqualTo("SUSPENDED_LONG");
        assertThat(yellow.get("level").asString()).isEqualTo("YELLOW");
        assertThat(yellow.get("since").asString()).isEqualTo(suspended.plusDays(90).toString());
        assertThat(alertOf(id, suspended.plusDays(179)).get("level").asString()).isEqualTo("YELLOW");
        assertThat(alertOf(id, suspended.plusDays(180)).get("level").asString()).isEqualTo("RED");

        command(id, "resume", "{}");
        assertThat(alertOf(id, suspended.plusDays(180))).isNull();
    }

    @Test
    void theCountsOfSeveralRulesAtOnceAreTheListsSizes() {
        String notStarted = register("2024-10-01");
        command(notStarted, "sign", "{\"signedOn\":\"2024-10-10\"}");
        String movedSigning = register("2024-10-01");
        command(movedSigning, "sign", "{\"signedOn\":\"2024-12-20\"}");
        String noReport = register("2024-10-01");
        command(noReport, "sign", "{\"signedOn\":\"2024-10-05\"}");
        command(noReport, "start-construction", "{\"startedOn\":\"2024-11-10\"}");
        String voided = register("2024-10-01");
        command(voided, "sign", "{\"signedOn\":\"2024-10-10\"}");
        command(voided, "void", "{\"reason\":\"重复录入\"}");
        String cancelled = register("2024-10-01");
        command(cancelled, "sign", "{\"signedOn\":\"2024-10-10\"}");
        command(cancelled, "cancel", "{\"reason\":\"撤资\"}");
        String suspended = register("2024-10-01");
        command(suspended, "sign", "{\"signedOn\":\"2024-10-10\"}");
        command(suspended, "suspend", "{\"reason\":\"环评复核\"}");

        LocalDate day = LocalDate.of(2025, 4, 8); // 180 days after 2024-10-10: red; 109 after 2024-12-20: yellow
        assertThat(alertOf(notStarted, day).get("level").asString()).isEqualTo("RED");
        assertThat(alertOf(movedSigning, day).get("level").asString()).isEqualTo("YELLOW");
        assertThat(alertOf(noReport, day).get("rule").asString()).isEqualTo("NO_PROGRESS_REPORT");
        assertThat(alertOf(voided, day)).as("voided: never alerted").isNull();
        assertThat(alertOf(cancelled, day)).as("cancelled: never alerted").isNull();

        command(movedSigning, "correct-milestone", "{\"milestone\":\"SIGNED\",\"date\":\"2024-10-01\",\"reason\":\"更正\"}");
        assertThat(alertOf(movedSigning, day).get("level").asString()).as("the corrected signing: red").isEqualTo("RED");
        assertThat(alertOf(movedSigning, day.minusDays(100))).as("before 90 days from the correct signing").isNull();
        clock.set(day);
        command(notStarted, "start-construction", "{\"startedOn\":\"2025-04-01\"}");
        assertThat(alertOf(notStarted, day)).as("started: off the not-started rule, not yet without a report").isNull();
        assertThat(alertOf(suspended, LocalDate.ofInstant(Instant.now(), ZONE).plusDays(200)).get("rule").asString())
                .isEqualTo("SUSPENDED_LONG");
    }

    @Test
    void aLimitGivesTheFirstOnesOfTheWholeListAndProjectIdsTheirOwnAlerts() {
        List<String> projects = new ArrayList<>();
        for (String signedOn : List.of("2024-06-01", "2024-06-01", "2024-09-15", "2024-12-30")) {
            String id = register("2024-05-01");
            command(id, "sign", "{\"signedOn\":\"" + signedOn + "\"}");
            projects.add(id);
        }
        List<String> sameMonth = new ArrayList<>(List.of(register("2024-05-01"), register("2024-05-01")));
        sameMonth.sort(java.util.Comparator.reverseOrder()); // the larger id starts earlier: id order would be wrong
        String thirdStart = register("2024-05-01");
        Map<String, String> starts = Map.of(sameMonth.get(0), "2024-11-03", sameMonth.get(1), "2024-11-25",
                thirdStart, "2025-01-10");
        for (String id : List.of(sameMonth.get(1), sameMonth.get(0), thirdStart)) {
            command(id, "sign", "{\"signedOn\":\"2024-10-01\"}");
            command(id, "start-construction", "{\"startedOn\":\"" + starts.get(id) + "\"}");
            projects.add(id);
        }
        clock.set(LocalDate.of(2025, 4, 8));
        String region = "/api/v1/alerts?regionCode=441202&awaitPosition=" + position;
        for (String level : List.of("", "&level=RED", "&level=YELLOW")) {
            List<String> whole = alerts(http.get(region + level));
            assertThat(whole).as("alerts" + level).hasSizeGreaterThanOrEqualTo(level.isEmpty() ? 7 : 1);
            for (int limit = 1; limit <= whole.size() + 1; limit++) {
                assertThat(alerts(http.get(region + level + "&limit=" + limit))).as("limit " + limit + level)
                        .isEqualTo(whole.subList(0, Math.min(limit, whole.size())));
            }
        }
        List<String> whole = alerts(http.get(region));
        List<String> asked = List.of(projects.get(1), projects.get(4), projects.get(6));
        assertThat(alerts(http.get(region + asked.stream().map(id -> "&projectId=" + id).reduce("", String::concat))))
                .isEqualTo(whole.stream().filter(alert -> asked.stream().anyMatch(alert::contains)).toList())
                .hasSize(3);

        // the same month's no-progress alerts have the same level and since: the earlier start comes first
        String pair = "&projectId=" + sameMonth.get(0) + "&projectId=" + sameMonth.get(1);
        List<String> both = alerts(http.get(region + pair));
        assertThat(both).hasSize(2);
        assertThat(both).allMatch(alert -> alert.contains("\"level\":\"RED\"") && alert.contains("\"since\":\"2025-02-01\""));
        assertThat(both.get(0)).contains(sameMonth.get(0)).contains("2024-11-03");
        assertThat(alerts(http.get(region + pair + "&limit=1"))).isEqualTo(both.subList(0, 1));

        TestHttp.Response zero = http.get(region + "&limit=0", "Accept-Language", "zh-CN");
        assertThat(zero.status()).isEqualTo(400);
        assertThat(Json.of(zero).get("detail").asString()).contains("limit").contains("须在 1 到 10000 之间");
        String tooMany = "&projectId=x".repeat(201);
        TestHttp.Response many = http.get(region + tooMany, "Accept-Language", "en");
        assertThat(many.status()).isEqualTo(400);
        assertThat(Json.of(many).get("detail").asString()).contains("at most 200 projects");
    }

    /** Each alert of a list as its JSON text, in the list's order. */
    private static List<String> alerts(TestHttp.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<String> alerts = new ArrayList<>();
        Json.of(response).forEach(alert -> alerts.add(alert.toString()));
        return alerts;
    }

    @Test
    void alertsKeepToTheUsersRegion() {
        LocalDate signed = LocalDate.of(2024, 1, 10);
        String zhaoqing = register("2024-01-02");
        command(zhaoqing, "sign", "{\"signedOn\":\"" + signed + "\"}");
        clock.set(signed.plusDays(200));

        assertThat(ids(http.as("zq-clerk").get("/api/v1/alerts?awaitPosition=" + position))).contains(zhaoqing);
        assertThat(ids(http.as("fs-leader").get("/api/v1/alerts"))).doesNotContain(zhaoqing);
        assertThat(http.as("fs-leader").get("/api/v1/alerts?regionCode=441200").status()).isEqualTo(403);
        assertThat(http.as("fs-leader").get("/api/v1/alerts/counts?regionCode=441200").status()).isEqualTo(403);
        assertThat(http.get("/api/v1/alerts/counts?regionCode=999999").status()).isEqualTo(400);
        assertThat(http.get("/api/v1/alerts?regionCode=999999").status()).isEqualTo(400);
        assertThat(http.get("/api/v1/alerts?level=ORANGE").status()).isEqualTo(400);
        assertThat(http.anonymous().get("/api/v1/alerts").status()).isEqualTo(401);
    }

    @Test
    void fundsInPlaceRoundTripExactlyAndTheLatestReportShows() {
        String id = register("2025-01-05");
        command(id, "report-progress", """
                {"asOf":"2025-03-31","fundsInPlaceYuan":123456789012.34}""");
        JsonNode project = Json.of(http.get(PROJECTS + "/" + id + "?awaitPosition=" + position));
        assertThat(project.get("fundsInPlaceYuan").decimalValue()).isEqualTo(new BigDecimal("123456789012.34"));
        assertThat(project.get("progressAsOf").asString()).isEqualTo("2025-03-31");

        command(id, "report-progress", """
                {"asOf":"2025-04-30","completedInvestmentYuan":100.01}""");
        project = Json.of(http.get(PROJECTS + "/" + id + "?awaitPosition=" + position));
        assertThat(project.get("fundsInPlaceYuan").decimalValue()).as("cumulative: the last amount reported stays")
                .isEqualTo(new BigDecimal("123456789012.34"));
        assertThat(project.get("progressAsOf").asString()).isEqualTo("2025-04-30");

        JsonNode history = Json.of(http.get(PROJECTS + "/" + id + "/history?awaitPosition=" + position));
        assertThat(history.get(1).get("data").get("fundsInPlaceYuan").decimalValue())
                .isEqualTo(new BigDecimal("123456789012.34"));
    }

    @Test
    void aProgressReportWithoutAnyOfTheThreeFieldsIsRefusedAndStoresNothing() {
        String id = register("2025-01-05");
        long events = events();

        TestHttp.Response refused = http.post(PROJECTS + "/" + id + "/report-progress", "{\"asOf\":\"2025-03-31\"}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.header("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(refused.body()).contains("fundsInPlaceYuan");
        assertThat(http.post(PROJECTS + "/" + id + "/report-progress",
                "{\"asOf\":\"2025-03-31\",\"fundsInPlaceYuan\":1.234}").status()).isEqualTo(400);
        assertThat(http.post(PROJECTS + "/" + id + "/report-progress",
                "{\"asOf\":\"2025-03-31\",\"fundsInPlaceYuan\":-1}").status()).isEqualTo(400);
        assertThat(events()).isEqualTo(events);
    }

    /**
     * A progress report stored by a release before funds in place (revision 1, as its JSON was then), sealed into the
     * chain as that release sealed it: the projections and the aggregate read it as revision 2, the chain stays valid.
     */
    @Test
    void aStoredRevisionOneProgressReportIsReadThroughTheUpcaster() {
        String id = register("2025-01-05");
        JsonNode registration = jdbc.sql("""
                        SELECT json_build_object('type', type, 'metaData', convert_from(meta_data, 'UTF8'))
                        FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 0""")
                .param(id).query((rs, row) -> Json.parse(rs.getString(1))).single();
        String revisionOne = """
                {"projectId":"%s","asOf":"2025-02-28","completedInvestmentYuan":333400000.25,\
                "constructionProgressPercent":62.9}""".formatted(id);
        long stored = jdbc.sql("""
                        INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                            time_stamp, payload_type, payload_revision, payload, meta_data)
                        VALUES (?, ?, 1, ?, ?, 'cn.pipelinetracker.events.ProgressReportedEvent', '1', ?, ?)
                        RETURNING global_index""")
                .params(UUID.randomUUID().toString(), id, registration.get("type").asString(),
                        Instant.now().toString(), revisionOne.getBytes(StandardCharsets.UTF_8),
                        registration.get("metaData").asString().getBytes(StandardCharsets.UTF_8))
                .query(Long.class).single();
        chain.seal(id);
        assertThat(revisionAsRead(stored)).as("Axon's upcaster chain takes it to revision 2").isEqualTo("2");

        JsonNode history = Json.of(http.get(PROJECTS + "/" + id + "/history?awaitPosition=" + stored));
        JsonNode data = history.get(1).get("data");
        assertThat(history.get(1).get("type").asString()).isEqualTo("ProgressReportedEvent");
        assertThat(data.get("completedInvestmentYuan").decimalValue()).isEqualTo(new BigDecimal("333400000.25"));
        assertThat(data.has("fundsInPlaceYuan") && data.get("fundsInPlaceYuan").isNull()).as(data.toString()).isTrue();
        JsonNode project = Json.of(http.get(PROJECTS + "/" + id + "?awaitPosition=" + stored));
        assertThat(project.get("progressAsOf").asString()).isEqualTo("2025-02-28");
        assertThat(project.get("fundsInPlaceYuan").isNull()).isTrue();

        // the aggregate is sourced from the revision-1 event too: the next command sees version 2
        TestHttp.Response next = http.post(PROJECTS + "/" + id + "/report-progress",
                "{\"asOf\":\"2025-03-31\",\"fundsInPlaceYuan\":5}", "If-Match", "\"2\"");
        assertThat(next.status()).as(next.toString()).isEqualTo(200);
        assertThat(Json.of(next).get("version").asLong()).isEqualTo(3);
        assertThat(Json.of(http.get("/api/v1/audit/verify")).get("valid").asBoolean()).isTrue();
    }

    @Test
    void theSignedCohortsFundsInPlaceRate() {
        String id = register("2021-01-05");
        command(id, "sign", "{\"signedOn\":\"2021-02-01\"}");
        command(id, "report-progress", "{\"asOf\":\"2021-06-30\",\"fundsInPlaceYuan\":250000000}");
        String cohort = "/api/v1/stats/milestones?milestone=SIGNED&regionCode=441202&from=2021-02-01&to=2021-02-01";

        JsonNode answer = Json.of(http.get(cohort + "&withFunds=true&awaitPosition=" + position));
        assertThat(answer.get("plannedInvestmentYuan").decimalValue()).isEqualByComparingTo("1000000000");
        assertThat(answer.get("fundsInPlaceYuan").decimalValue()).isEqualByComparingTo("250000000");
        assertThat(answer.get("fundsInPlaceRate").decimalValue()).isEqualByComparingTo("0.25");
        assertThat(Json.of(http.get(cohort)).has("fundsInPlaceYuan")).as("only when asked").isFalse();
        assertThat(http.get(cohort + "&withFunds=true&asOf=2026-01-01T00:00:00Z").status()).isEqualTo(400);
        JsonNode batch = Json.of(http.get("/api/v1/stats/milestones/batch?withFunds=true&q="
                + TestHttp.encode("milestone=SIGNED&regionCode=441202&from=2021-02-01&to=2021-02-01")));
        assertThat(batch.get("answers").get(0).get("fundsInPlaceRate").decimalValue()).isEqualByComparingTo("0.25");
    }

    /** The revision the stored event at {@code position} has once Axon's configured upcaster chain has read it. */
    private String revisionAsRead(long position) {
        var entry = jdbc.sql("""
                        SELECT event_identifier, aggregate_identifier, sequence_number, type, time_stamp, payload_type,
                               payload_revision, payload, meta_data FROM domain_event_entry WHERE global_index = ?""")
                .param(position)
                .query((rs, row) -> new GenericDomainEventEntry<>(rs.getString("type"),
                        rs.getString("aggregate_identifier"), rs.getLong("sequence_number"),
                        rs.getString("event_identifier"), rs.getString("time_stamp"), rs.getString("payload_type"),
                        rs.getString("payload_revision"), rs.getBytes("payload"), rs.getBytes("meta_data")))
                .single();
        return axon.upcasterChain().upcast(Stream.of(new InitialEventRepresentation(entry, eventSerializer)))
                .findFirst().orElseThrow().getType().getRevision();
    }

    /** The project's alert on {@code today}; and, on every day asked, the counts agree with the list. */
    private JsonNode alertOf(String projectId, LocalDate today) {
        clock.set(today);
        TestHttp.Response listed = http.get("/api/v1/alerts?regionCode=441202&awaitPosition=" + position);
        JsonNode counts = Json.of(http.get("/api/v1/alerts/counts?regionCode=441202"));
        for (String level : List.of("RED", "YELLOW")) {
            long inList = 0;
            for (JsonNode alert : Json.of(listed)) {
                inList += alert.get("level").asString().equals(level) ? 1 : 0;
            }
            assertThat(counts.get(level).asLong()).as(level + " on " + today).isEqualTo(inList);
        }
        return find(listed, projectId);
    }

    private static JsonNode find(TestHttp.Response response, String projectId) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        for (JsonNode alert : Json.of(response)) {
            if (alert.get("projectId").asString().equals(projectId)) {
                return alert;
            }
        }
        return null;
    }

    private static List<String> ids(TestHttp.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        Json.of(response).forEach(alert -> ids.add(alert.get("projectId").asString()));
        return ids;
    }

    private String register(String registeredOn) {
        TestHttp.Response registered = http.post(PROJECTS, """
                {"name":"预警测试项目","investor":"肇庆预警测试有限公司","regionCode":"441202","industry":"NEW_ENERGY",
                 "plannedInvestmentYuan":1000000000,"registeredOn":"%s"}""".formatted(registeredOn));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        position = Json.of(registered).get("position").asLong();
        return Json.of(registered).get("projectId").asString();
    }

    private void command(String id, String action, String body) {
        TestHttp.Response done = http.post(PROJECTS + "/" + id + "/" + action, body);
        assertThat(done.status()).as(action + ": " + done).isEqualTo(200);
        position = Json.of(done).get("position").asLong();
    }

    private long events() {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry").query(Long.class).single();
    }
}
