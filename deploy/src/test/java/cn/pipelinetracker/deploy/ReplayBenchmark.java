package cn.pipelinetracker.deploy;

import cn.pipelinetracker.platform.test.TestHttp;
import cn.pipelinetracker.query.position.ProjectionPositions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.time.Duration;

import static org.awaitility.Awaitility.await;

/**
 * Not a test: prints how fast the projections replay a large log, live (processors catching up) and by a rebuild.
 * Run it with {@code ./mvnw -pl deploy -am verify -Pbenchmark -DskipITs -Dbenchmark.projects=50000}
 * (four events a project). The log is written straight into the event store with SQL, in the exact form the
 * application stores, so that generating it does not dominate the run.
 */
@Tag("benchmark")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "pipeline.embedded-database=true",
        "pipeline.data-dir=target/test-data/${random.uuid}",
        "pipeline.audit.checkpoint-interval=PT1H"})
class ReplayBenchmark {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ProjectionPositions positions;

    @Test
    void replay() {
        int projects = Integer.getInteger("benchmark.projects", 50_000);
        long started = System.nanoTime();
        jdbc.sql("""
                INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, time_stamp,
                    payload_type, payload_revision, payload, meta_data)
                SELECT gen_random_uuid()::text, p.id, e.seq, 'InvestmentProject',
                    to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                    'cn.pipelinetracker.events.' || e.type, '1', convert_to(e.payload, 'UTF8'),
                    convert_to('{"actor":"benchmark","correlationId":"' || p.id || '"}', 'UTF8')
                FROM (SELECT n, '00000000-0000-4000-8000-' || lpad(n::text, 12, '0') AS id,
                             (ARRAY['441202','441203','441204','440604','440605','440112','440600-FSHT-NH'])[1 + n % 7] AS region
                      FROM generate_series(1, ?) AS n) AS p
                CROSS JOIN LATERAL (VALUES
                    (0, 'ProjectRegisteredEvent', json_build_object('projectId', p.id, 'projectCode', null,
                        'name', '基准项目' || p.n, 'investor', '基准投资有限公司', 'regionCode', p.region,
                        'industry', 'NEW_ENERGY', 'sourceRegion', '北京', 'plannedInvestmentYuan', 1000000 + p.n,
                        'registeredOn', DATE '2022-01-01' + p.n % 700, 'landAreaMu', null, 'expectedJobs', null,
                        'tags', json_build_array())::text),
                    (1, 'ProjectSignedEvent', json_build_object('projectId', p.id,
                        'signedOn', DATE '2022-01-01' + p.n % 700 + 10, 'contractedInvestmentYuan', null)::text),
                    (2, 'ConstructionStartedEvent', json_build_object('projectId', p.id,
                        'startedOn', DATE '2022-01-01' + p.n % 700 + 40)::text),
                    (3, 'ProgressReportedEvent', json_build_object('projectId', p.id,
                        'asOf', DATE '2022-01-01' + p.n % 700 + 90, 'completedInvestmentYuan', 500000,
                        'constructionProgressPercent', 50)::text)) AS e (seq, type, payload)
                ORDER BY p.n, e.seq""").param(projects).update();
        long head = jdbc.sql("SELECT max(global_index) FROM domain_event_entry").query(Long.class).single();
        System.out.printf("%n%d events of %d projects written in %.1f s%n", head, projects,
                (System.nanoTime() - started) / 1e9);

        long live = System.nanoTime();
        await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> positions.hasProcessed(head));
        double liveSeconds = (System.nanoTime() - live) / 1e9;
        System.out.printf("live processors (3 projections, 4 segments each): %d events in %.1f s = %.0f events/s%n",
                head, liveSeconds, head / liveSeconds);

        TestHttp http = TestHttp.onPort(port);
        String rebuildId = http.post("/api/v1/admin/projections/rebuild", "").json().get("rebuildId").asString();
        JsonNode last = await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            JsonNode rebuild = http.get("/api/v1/admin/projections").json().get("lastRebuild");
            return rebuild.get("rebuildId").asString().equals(rebuildId) && !rebuild.get("finishedAt").isNull()
                    ? rebuild : null;
        }, rebuild -> rebuild != null);
        System.out.printf("rebuild of all projections: %d events at %.0f events/s%n",
                last.get("processedEvents").asLong(), last.get("eventsPerSecond").asDouble());
    }
}
