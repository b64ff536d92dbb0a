package cn.pipelinetracker.query.deadletter;

import cn.pipelinetracker.events.EventJson;
import cn.pipelinetracker.events.IndustryCode;
import cn.pipelinetracker.events.Money;
import cn.pipelinetracker.events.ProjectRegisteredEvent;
import cn.pipelinetracker.events.ProjectResumedEvent;
import cn.pipelinetracker.events.ProjectSignedEvent;
import cn.pipelinetracker.events.ProjectSuspendedEvent;
import cn.pipelinetracker.events.RegionCode;
import cn.pipelinetracker.platform.test.PipelineIntegrationTest;
import cn.pipelinetracker.platform.test.TestHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A poison event — a registration whose name holds NUL, stored behind the application's back with plain SQL — is
 * parked in every projection's dead-letter queue with its project's later events, while every other project keeps
 * updating; an administrator sees it, retries it, skips it (recorded), and a rebuild leaves it out instead of failing.
 */
@PipelineIntegrationTest
class DeadLetterTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    TestHttp http;

    @BeforeEach
    void client() {
        http = TestHttp.onPort(port);
    }

    /** Inserts an event row as a hand-written SQL statement would, and returns its position. */
    private long insert(String projectId, long sequence, Object payload) {
        byte[] json = EventJson.mapper().writeValueAsBytes(payload);
        return jdbc.sql("""
                        INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                            time_stamp, payload_type, payload_revision, payload, meta_data)
                        VALUES (?, ?, ?, 'InvestmentProject', ?, ?, '1', ?, ?) RETURNING global_index""")
                .params(UUID.randomUUID().toString(), projectId, sequence, Instant.now().toString(),
                        payload.getClass().getName(), json, "{\"actor\":\"psql\"}".getBytes(StandardCharsets.UTF_8))
                .query(Long.class).single();
    }

    private static ProjectRegisteredEvent registered(String id, String name) {
        return new ProjectRegisteredEvent(id, null, name, "投资方", RegionCode.of("441202"),
                IndustryCode.of("NEW_ENERGY"), "深圳", Money.ofYuan("100"), LocalDate.of(2024, 1, 2), null, null,
                List.of("省重点"));
    }

    private List<JsonNode> parkedOf(String projectId) {
        List<JsonNode> parked = new ArrayList<>();
        http.get("/api/v1/admin/dead-letters").json().get("parked").forEach(letter -> {
            if (letter.get("projectId").asString().equals(projectId)) {
                parked.add(letter);
            }
        });
        return parked;
    }

    @Test
    void aPoisonEventIsParkedWhileEveryOtherProjectKeepsUpdating() {
        String poisoned = UUID.randomUUID().toString();
        insert(poisoned, 0, registered(poisoned, "NUL\u0000name"));
        insert(poisoned, 1, new ProjectSignedEvent(poisoned, LocalDate.of(2024, 2, 1), null));
        List<String> others = new ArrayList<>();
        long last = 0;
        for (int i = 0; i < 8; i++) {
            String other = UUID.randomUUID().toString();
            others.add(other);
            last = insert(other, 0, registered(other, "正常项目 " + i));
        }

        // every other project is projected, and awaitPosition past the poison answers
        for (String other : others) {
            var view = http.get("/api/v1/projects/" + other + "?awaitPosition=" + last);
            assertThat(view.status()).as(view.toString()).isEqualTo(200);
            assertThat(http.get("/api/v1/projects/" + other + "/history").status()).isEqualTo(200);
        }
        var stats = http.get("/api/v1/stats/milestones?milestone=REGISTERED&regionCode=441202"
                + "&from=2024-01-02&to=2024-01-02&awaitPosition=" + last);
        assertThat(stats.json().get("projects").asLong()).isGreaterThanOrEqualTo(8);

        // the poison and the project's later event are parked, in each projection of project events, in order
        List<JsonNode> parked = parkedOf(poisoned);
        assertThat(parked).hasSize(8);
        assertThat(parked).extracting(letter -> letter.get("processingGroup").asString())
                .containsExactlyInAnyOrder("milestone-facts", "milestone-facts", "project-history",
                        "project-history", "project-view", "project-view", "publication-facts", "publication-facts");
        assertThat(parked.get(0).get("eventType").asString()).isEqualTo("ProjectRegisteredEvent");
        assertThat(parked.get(0).get("cause").asString()).contains("NUL");
        assertThat(parked.get(1).get("eventType").asString()).isEqualTo("ProjectSignedEvent");
        assertThat(http.get("/api/v1/projects/" + poisoned).status()).isEqualTo(404);
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(http.get("/actuator/prometheus").body())
                .containsPattern("pipeline_dead_letters [1-9]"));

        // a retry of a still poisoned event leaves it parked
        JsonNode viewPoison = parked.stream()
                .filter(letter -> letter.get("processingGroup").asString().equals("project-view")).findFirst()
                .orElseThrow();
        var retried = http.post("/api/v1/admin/dead-letters/" + viewPoison.get("id").asString() + "/retry", "");
        assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
        assertThat(retried.json().get("stillParked").asLong()).isEqualTo(2);

        // skipping it is recorded with who and why, and lets the project's later event through
        var refused = http.post("/api/v1/admin/dead-letters/" + viewPoison.get("id").asString() + "/skip", "{}");
        assertThat(refused.status()).isEqualTo(400);
        var skipped = http.post("/api/v1/admin/dead-letters/" + viewPoison.get("id").asString() + "/skip",
                "{\"reason\":\"名称含 NUL，无法投影\"}");
        assertThat(skipped.status()).as(skipped.toString()).isEqualTo(200);
        assertThat(skipped.json().get("stillParked").asLong()).isZero();
        JsonNode decisions = http.get("/api/v1/admin/dead-letters").json().get("skipped");
        assertThat(decisions).anySatisfy(decision -> {
            assertThat(decision.get("projectId").asString()).isEqualTo(poisoned);
            assertThat(decision.get("skippedBy").asString()).isEqualTo(TestHttp.ADMIN);
            assertThat(decision.get("reason").asString()).isEqualTo("名称含 NUL，无法投影");
        });
        assertThat(parkedOf(poisoned)).hasSize(6);
        assertThat(http.as("auditor", "auditor-pw").post("/api/v1/admin/dead-letters/"
                + parkedOf(poisoned).get(0).get("id").asString() + "/retry", "").status()).isEqualTo(403);

        // a rebuild leaves the poisoned project out instead of failing at it
        var started = http.post("/api/v1/admin/projections/rebuild", "");
        assertThat(started.status()).isEqualTo(202);
        String rebuildId = started.json().get("rebuildId").asString();
        await().atMost(DEADLINE).untilAsserted(() -> {
            JsonNode latest = http.get("/api/v1/admin/projections").json().get("lastRebuild");
            assertThat(latest.get("rebuildId").asString()).isEqualTo(rebuildId);
            assertThat(latest.get("finishedAt").isNull()).isFalse();
        });
        JsonNode rebuild = http.get("/api/v1/admin/projections").json().get("lastRebuild");
        assertThat(rebuild.get("failure").isNull()).as(rebuild.toString()).isTrue();
        assertThat(rebuild.get("skippedEvents").asLong()).isGreaterThanOrEqualTo(2);
        for (String other : others) {
            assertThat(http.get("/api/v1/projects/" + other).status()).isEqualTo(200);
        }
    }

    @Test
    void aRebuildKeepsWhatAnAdministratorSkippedAndTheLaterEventsThatFollowed() {
        String project = UUID.randomUUID().toString();
        insert(project, 0, registered(project, "跳过后重建"));
        insert(project, 1, new ProjectSuspendedEvent(project, "停\u0000工"));
        long last = insert(project, 2, new ProjectResumedEvent(project, "复工"));
        await().atMost(DEADLINE).until(() -> parkedOf(project).size() == 6);
        for (String group : List.of("project-view", "project-history", "milestone-facts")) {
            JsonNode poison = parkedOf(project).stream()
                    .filter(letter -> letter.get("processingGroup").asString().equals(group)).findFirst()
                    .orElseThrow();
            var skipped = http.post("/api/v1/admin/dead-letters/" + poison.get("id").asString() + "/skip",
                    "{\"reason\":\"原因含 NUL\"}");
            assertThat(skipped.status()).as(skipped.toString()).isEqualTo(200);
        }
        JsonNode live = http.get("/api/v1/projects/" + project + "?awaitPosition=" + last).json();
        assertThat(live.get("version").asLong()).isEqualTo(3);

        String rebuildId = http.post("/api/v1/admin/projections/rebuild", "").json().get("rebuildId").asString();
        await().atMost(DEADLINE).untilAsserted(() -> {
            JsonNode latest = http.get("/api/v1/admin/projections").json().get("lastRebuild");
            assertThat(latest.get("rebuildId").asString()).isEqualTo(rebuildId);
            assertThat(latest.get("finishedAt").isNull()).isFalse();
        });
        JsonNode rebuilt = http.get("/api/v1/projects/" + project).json();
        assertThat(rebuilt.get("version").asLong()).as("the events after the skipped one are still applied")
                .isEqualTo(3);
        assertThat(rebuilt.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(http.get("/api/v1/projects/" + project + "/history").json()).hasSize(2);
    }
}
