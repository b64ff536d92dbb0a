package cn.pipelinetracker.query.stats;

import cn.pipelinetracker.events.Milestone;
import cn.pipelinetracker.platform.reference.Region;
import cn.pipelinetracker.platform.reference.RegionTree;
import cn.pipelinetracker.platform.test.TestDatabase;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * Not a test: prints how long milestone statistics take over a large fact table. Run it with
 * {@code ./mvnw -pl query-side -am test -Pbenchmark -Dbenchmark.projects=100000 -Dsurefire.failIfNoSpecifiedTests=false}; it is skipped otherwise.
 * Facts are generated straight into the table (not through events): this measures the query, not the projection.
 */
@Tag("benchmark")
class StatisticsQueryBenchmark {

    private static final int ROUNDS = 200;

    @Test
    void milestoneStatistics() {
        int projects = Integer.getInteger("benchmark.projects", 100_000);
        JdbcClient jdbc = JdbcClient.create(TestDatabase.withSchemas("event-store", "query-side"));
        RegionTree regions = RegionTree.bundled();
        String[] leaves = regions.all().stream().map(Region::code).toArray(String[]::new);
        long started = System.nanoTime();
        // every project registered and signed, 60 % started, 25 % in production; a few facts superseded
        jdbc.sql("""
                        INSERT INTO milestone_fact (project_id, milestone, known_from_version, milestone_date, region_code,
                            industry, source_region, planned_investment_yuan, known_from, superseded_at)
                        SELECT 'p' || n, m.milestone, m.version, DATE '2021-01-01' + ((n * 7 + m.version * 30) % 1400),
                            (?::text[])[1 + n % array_length(?::text[], 1)], 'NEW_ENERGY', '北京',
                            (n % 1000 + 1) * 1000000, TIMESTAMPTZ '2024-01-01' + n * INTERVAL '1 second',
                            CASE WHEN n % 50 = 0 THEN TIMESTAMPTZ '2024-06-01' ELSE NULL END
                        FROM generate_series(1, ?) AS n
                        CROSS JOIN (VALUES ('REGISTERED', 1), ('SIGNED', 2), ('CONSTRUCTION_STARTED', 3),
                                           ('PRODUCTION_STARTED', 4)) AS m (milestone, version)
                        WHERE m.version <= 2 OR (m.version = 3 AND n % 10 < 6) OR (m.version = 4 AND n % 4 = 0)""")
                .params(leaves, leaves, projects)
                .update();
        jdbc.sql("ANALYZE milestone_fact").update();
        long rows = jdbc.sql("SELECT count(*) FROM milestone_fact").query(Long.class).single();
        System.out.printf("%n%d projects, %d milestone facts generated in %d ms%n", projects, rows,
                (System.nanoTime() - started) / 1_000_000);

        MilestoneStatistics statistics = new MilestoneStatistics(jdbc);
        LocalDate from = LocalDate.of(2024, 1, 1);
        LocalDate to = LocalDate.of(2024, 6, 30);
        report("city (Zhaoqing), signed in H1 2024", statistics, new MilestoneStatistics.Question(Milestone.SIGNED,
                regions.subtree("441200"), from, to, null, null, null));
        report("province (Guangdong), signed in H1 2024", statistics, new MilestoneStatistics.Question(
                Milestone.SIGNED, regions.subtree("440000"), from, to, null, null, null));
        report("province, signed in H1 2024, asOf", statistics, new MilestoneStatistics.Question(Milestone.SIGNED,
                regions.subtree("440000"), from, to, null, null, Instant.parse("2024-05-01T00:00:00Z")));
        report("city, construction started in 2023, asOf", statistics, new MilestoneStatistics.Question(
                Milestone.CONSTRUCTION_STARTED, regions.subtree("441200"), LocalDate.of(2023, 1, 1),
                LocalDate.of(2023, 12, 31), null, null, Instant.parse("2024-05-01T00:00:00Z")));
    }

    private static void report(String what, MilestoneStatistics statistics, MilestoneStatistics.Question question) {
        for (int i = 0; i < 20; i++) {
            statistics.count(question);
        }
        long[] micros = new long[ROUNDS];
        MilestoneStatistics.Answer answer = null;
        for (int i = 0; i < ROUNDS; i++) {
            long start = System.nanoTime();
            answer = statistics.count(question);
            micros[i] = (System.nanoTime() - start) / 1_000;
        }
        Arrays.sort(micros);
        System.out.printf("%-45s p50 %6.2f ms  p99 %6.2f ms  max %6.2f ms  (%d projects)%n", what,
                micros[ROUNDS / 2] / 1000.0, micros[ROUNDS * 99 / 100] / 1000.0, micros[ROUNDS - 1] / 1000.0,
                answer.projects());
    }
}
