package cn.pipelinetracker.deploy;

import cn.pipelinetracker.platform.test.TestHttp;
import cn.pipelinetracker.query.rebuild.ProjectionRebuilds;
import cn.pipelinetracker.query.stats.Aggregates;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Rebuilding the projections from the log (on the demo data, the same context as {@link DemoFiguresHttpTest}): the
 * answers afterwards equal those before, the live processors carry on into the fresh tables, and an interrupted
 * rebuild runs again.
 */
@DemoDataTest
class ProjectionRebuildHttpTest {

    private static final List<String> QUESTIONS = List.of(
            "/api/v1/stats/milestones?milestone=SIGNED&regionCode=440600-FSHT&from=2023-01-01&to=2023-11-15",
            "/api/v1/stats/milestones?milestone=SIGNED&regionCode=441200&from=2024-01-01&to=2024-06-30",
            "/api/v1/stats/milestones?milestone=CONSTRUCTION_STARTED&regionCode=440000&from=2021-01-01&to=2024-12-31",
            "/api/v1/stats/milestones?milestone=SIGNED&regionCode=441200&from=2024-01-01&to=2024-06-30"
                    + "&asOf=2030-01-01T00:00:00Z",
            "/api/v1/stats/pipeline?regionCode=440000",
            "/api/v1/projects?regionCode=441200&size=50&page=3",
            "/api/v1/campaigns?regionCode=440000");

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ProjectionRebuilds rebuilds;
    @Autowired
    Aggregates aggregates;

    TestHttp http;
    long head;

    @BeforeEach
    void client() {
        http = TestHttp.onPort(port);
        head = jdbc.sql("SELECT max(global_index) FROM domain_event_entry").query(Long.class).single();
    }

    private List<JsonNode> answers() {
        List<JsonNode> answers = new ArrayList<>();
        for (String question : QUESTIONS) {
            var response = http.get(question + "&awaitPosition=" + head);
            assertThat(response.status()).as(question + " " + response.body()).isEqualTo(200);
            answers.add(response.json());
        }
        return answers;
    }

    private JsonNode awaitFinished(String rebuildId) {
        return await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> {
            JsonNode overview = http.get("/api/v1/admin/projections").json();
            JsonNode last = overview.get("lastRebuild");
            return last != null && last.get("rebuildId").asString().equals(rebuildId)
                    && !last.get("finishedAt").isNull() ? overview : null;
        }, overview -> overview != null);
    }

    @Test
    void aRebuildGivesTheSameAnswersAndTheLiveProcessorsCarryOn() {
        List<JsonNode> before = answers();
        String someProject = before.get(5).get("items").get(0).get("projectId").asString();
        JsonNode historyBefore = http.get("/api/v1/projects/" + someProject + "/history").json();
        long rowsBefore = jdbc.sql("SELECT count(*) FROM milestone_fact").query(Long.class).single();

        var started = http.post("/api/v1/admin/projections/rebuild", "");
        assertThat(started.status()).isEqualTo(202);
        String rebuildId = started.json().get("rebuildId").asString();
        JsonNode overview = awaitFinished(rebuildId);

        assertThat(overview.get("projections")).extracting(p -> p.get("name").asString())
                .containsExactly("campaigns", "milestone-facts", "project-history", "project-view",
                        "publication-facts");
        overview.get("projections").forEach(projection -> {
            assertThat(projection.get("status").asString()).isEqualTo("LIVE");
            assertThat(projection.get("progress").asDouble()).isEqualTo(1.0);
            assertThat(projection.get("lag").asLong()).isGreaterThanOrEqualTo(0);
        });
        assertThat(overview.get("lastRebuild").get("processedEvents").asLong()).isGreaterThanOrEqualTo(head);
        assertThat(overview.get("lastRebuild").get("phase").asString()).isEqualTo("FINISHED");
        assertThat(answers()).isEqualTo(before);
        assertThat(http.get("/api/v1/projects/" + someProject + "/history").json()).isEqualTo(historyBefore);
        assertThat(jdbc.sql("SELECT count(*) FROM milestone_fact").query(Long.class).single()).isEqualTo(rowsBefore);
        assertThat(jdbc.sql("SELECT count(*) FROM retired.milestone_fact").query(Long.class).single())
                .as("the replaced tables are kept aside").isEqualTo(rowsBefore);
        aggregates.compact("retired");
        aggregates.compact("public");
        for (String totals : List.of("milestone_day_total", "milestone_month_total", "project_total",
                "signed_project_day_total", "signed_project_month_total", "under_construction_month_total")) {
            assertThat(jdbc.sql("SELECT count(*) FROM public." + totals + " WHERE projects <> 0")
                    .query(Long.class).single()).as(totals + " rebuilt").isPositive();
            assertThat(jdbc.sql("""
                            SELECT count(*) FROM ((SELECT * FROM public.%1$s WHERE projects <> 0
                                                   EXCEPT SELECT * FROM retired.%1$s WHERE projects <> 0)
                                                  UNION ALL
                                                  (SELECT * FROM retired.%1$s WHERE projects <> 0
                                                   EXCEPT SELECT * FROM public.%1$s WHERE projects <> 0)) AS differing"""
                            .formatted(totals)).query(Long.class).single())
                    .as("the rebuilt " + totals + " equal the live ones").isZero();
        }

        var registered = http.post("/api/v1/projects", """
                {"name":"重建后登记的项目","investor":"重建测试有限公司","regionCode":"440103","industry":"ELECTRONICS",
                 "plannedInvestmentYuan":5000000,"registeredOn":"2024-08-01"}""");
        assertThat(registered.status()).isEqualTo(201);
        var detail = http.get("/api/v1/projects/" + registered.json().get("projectId").asString()
                + "?awaitPosition=" + registered.json().get("position").asLong());
        assertThat(detail.status()).as("projected live into the fresh tables").isEqualTo(200);
    }

    @Test
    void anInterruptedRebuildRunsAgainAtTheNextStart() {
        List<JsonNode> before = answers();
        String interrupted = UUID.randomUUID().toString();
        jdbc.sql("INSERT INTO projection_rebuild (rebuild_id, started_at, total_events, processed_events) "
                + "VALUES (?, now(), ?, 17)").params(interrupted, head).update();
        assertThat(http.get("/api/v1/admin/projections").json().get("projections").get(0).get("status").asString())
                .isEqualTo("REBUILDING");
        assertThat(http.post("/api/v1/admin/projections/rebuild", "").status())
                .as("one rebuild at a time").isEqualTo(409);

        rebuilds.resumeInterrupted();

        awaitFinished(interrupted);
        assertThat(answers()).isEqualTo(before);
    }
}
