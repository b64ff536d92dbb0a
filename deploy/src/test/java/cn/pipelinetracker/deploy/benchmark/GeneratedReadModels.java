package cn.pipelinetracker.deploy.benchmark;

import cn.pipelinetracker.platform.reference.Region;
import cn.pipelinetracker.platform.reference.RegionTree;
import cn.pipelinetracker.query.stats.Aggregates;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.Arrays;

/**
 * Read models filled straight with SQL, as the query parts of the harness use them: project {@code n} (from 1) is
 * registered in region {@code n mod regions}, registered and signed, 60 % started, 5 % in production, 1 % cancelled;
 * about 2.7 milestone facts (2 % superseded) and 3 history entries each; the pre-aggregated totals filled from them
 * by {@link Aggregates#refill}, as the projections would have kept them.
 */
final class GeneratedReadModels {

    /** Projects {@code first} to {@code last}, their region by {@code n}: the rows every generated table shares. */
    private static final String PROJECTS = """
            SELECT n, '00000000-0000-4000-8000-' || lpad(n::text, 12, '0') AS id,
                (?::text[])[1 + n % array_length(?::text[], 1)] AS region,
                DATE '2021-01-01' + (n * 7 % 1300) AS registered, (n % 1000 + 1) * 1000000 AS amount
            FROM generate_series(?::int, ?::int) AS n""";

    private GeneratedReadModels() {
    }

    /** The sizes the query parts run at: {@code benchmark.query-projects}, default 100 000 and 1 000 000. */
    static int[] sizes() {
        return Arrays.stream(System.getProperty("benchmark.query-projects", "100000,1000000").split(","))
                .mapToInt(size -> Integer.parseInt(size.strip())).toArray();
    }

    static String projectId(int n) {
        return String.format("00000000-0000-4000-8000-%012d", n);
    }

    /** Empties the read models and fills them with {@code projects} projects spread over every region. */
    static void fill(JdbcClient jdbc, int projects) {
        long started = System.nanoTime();
        jdbc.sql("TRUNCATE project_view, milestone_fact, project_history, " + String.join(", ", Aggregates.TABLES))
                .update();
        String[] regions = RegionTree.bundled().all().stream().map(Region::code).toArray(String[]::new);
        jdbc.sql("""
                INSERT INTO project_view (project_id, name, investor, region_code, industry, source_region,
                    planned_investment_yuan, status, registered_on, signed_on, construction_started_on,
                    production_started_on, version)
                SELECT p.id, '基准项目' || p.n, '基准投资有限公司', p.region, 'NEW_ENERGY', '北京', p.amount,
                    CASE WHEN p.n % 100 = 0 THEN 'CANCELLED' ELSE 'ACTIVE' END, p.registered, p.registered + 10,
                    CASE WHEN p.n % 10 < 6 THEN p.registered + 40 END,
                    CASE WHEN p.n % 20 = 1 THEN p.registered + 400 END, 3
                FROM (""" + PROJECTS + ") AS p").params(regions, regions, 1, projects).update();
        insertMilestoneFacts(jdbc, "milestone_fact", regions, 1, projects);
        jdbc.sql("""
                INSERT INTO project_history (project_id, version, position, type, recorded_at, actor, data)
                SELECT p.id, e.version, p.n * 3 + e.version, e.type, TIMESTAMPTZ '2024-01-01' + p.n * INTERVAL '1 second',
                    'benchmark', jsonb_build_object('projectId', p.id, 'date', p.registered + e.version * 10)
                FROM (""" + PROJECTS + """
                ) AS p CROSS JOIN (VALUES (1, 'ProjectRegisteredEvent'), (2, 'ProjectSignedEvent'),
                                          (3, 'ProgressReportedEvent')) AS e (version, type)""")
                .params(regions, regions, 1, projects).update();
        Aggregates.refill(jdbc, "public");
        jdbc.sql("VACUUM ANALYZE project_view").update();
        jdbc.sql("VACUUM ANALYZE milestone_fact").update();
        jdbc.sql("VACUUM ANALYZE project_history").update();
        for (String table : Aggregates.TABLES) {
            jdbc.sql("VACUUM ANALYZE " + table).update();
        }
        System.out.printf("%n%,d projects written to the read models in %.1f s%n", projects,
                (System.nanoTime() - started) / 1e9);
    }

    /**
     * The milestone facts of projects {@code first} to {@code last} in {@code regions}, into {@code table} (which has
     * {@code milestone_fact}'s columns): known from 2024-01-01 plus {@code n} seconds, every 50th superseded on
     * 2024-06-01.
     */
    static void insertMilestoneFacts(JdbcClient jdbc, String table, String[] regions, int first, int last) {
        jdbc.sql("INSERT INTO " + table + """
                 (project_id, milestone, known_from_version, milestone_date, region_code,
                    industry, source_region, planned_investment_yuan, known_from, superseded_at)
                SELECT p.id, m.milestone, m.version, p.registered + m.days, p.region, 'NEW_ENERGY', '北京', p.amount,
                    TIMESTAMPTZ '2024-01-01' + p.n * INTERVAL '1 second',
                    CASE WHEN p.n % 50 = 0 THEN TIMESTAMPTZ '2024-06-01' END
                FROM (""" + PROJECTS + """
                ) AS p CROSS JOIN (VALUES ('REGISTERED', 1, 0), ('SIGNED', 2, 10), ('CONSTRUCTION_STARTED', 3, 40),
                                          ('PRODUCTION_STARTED', 4, 400)) AS m (milestone, version, days)
                WHERE m.version <= 2 OR (m.version = 3 AND p.n % 10 < 6) OR (m.version = 4 AND p.n % 20 = 1)""")
                .params(regions, regions, first, last).update();
    }
}
