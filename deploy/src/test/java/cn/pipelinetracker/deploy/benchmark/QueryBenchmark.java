package cn.pipelinetracker.deploy.benchmark;

import cn.pipelinetracker.platform.reference.Region;
import cn.pipelinetracker.platform.reference.RegionTree;
import cn.pipelinetracker.query.stats.Aggregates;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;

/**
 * Not a test: part 4 of the performance harness (issue 8). The read models are filled straight with SQL at each size
 * of {@code benchmark.query-projects} (default 100 000 and 1 000 000 projects: every project registered and signed,
 * 60 % started, 5 % in production, 1 % cancelled; about 2.7 milestone facts and 3 history entries each; the
 * pre-aggregated totals filled from them by {@link Aggregates#refill}), then each
 * query of the contract is asked over HTTP by one client, signed in with Basic, as a script would:
 * {@code benchmark.queries} requests a round (after 20 unmeasured), {@code benchmark.rounds} rounds. Prints p50/p99
 * (median of the rounds, min–max of p99 beside) and writes {@code target/benchmark/queries.json}.
 */
@Benchmark
class QueryBenchmark {

    private static final int ROUNDS = Integer.getInteger("benchmark.rounds", 3);
    private static final int QUERIES = Integer.getInteger("benchmark.queries", 200);
    private static final String AUTHORIZATION = "Basic " + Base64.getEncoder()
            .encodeToString("test-admin:test-admin-pw".getBytes(StandardCharsets.UTF_8));

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    private final HttpClient http = HttpClient.newHttpClient();

    private record Percentiles(double p50, double p99) {
    }

    @Test
    void queries() throws Exception {
        int[] sizes = Arrays.stream(System.getProperty("benchmark.query-projects", "100000,1000000").split(","))
                .mapToInt(size -> Integer.parseInt(size.strip())).toArray();
        Map<String, Object> results = new LinkedHashMap<>();
        for (int projects : sizes) {
            generate(projects);
            System.out.printf("%nQueries over HTTP at %,d projects: p50 / p99 in ms, median of %d rounds of %d"
                    + " (p99 min–max)%n", projects, ROUNDS, QUERIES);
            Map<String, Object> atSize = new LinkedHashMap<>();
            String h1 = "&from=2024-01-01&to=2024-06-30";
            String asOf = "&asOf=2024-05-01T00:00:00Z";
            atSize.put("stats_city", measure("statistics, city (Zhaoqing), signed H1 2024",
                    i -> "/api/v1/stats/milestones?milestone=SIGNED&regionCode=441200" + h1));
            atSize.put("stats_province", measure("statistics, province (roll-up), signed H1 2024",
                    i -> "/api/v1/stats/milestones?milestone=SIGNED&regionCode=440000" + h1));
            atSize.put("stats_city_as_of", measure("statistics, city, asOf",
                    i -> "/api/v1/stats/milestones?milestone=SIGNED&regionCode=441200" + h1 + asOf));
            atSize.put("stats_province_as_of", measure("statistics, province, asOf",
                    i -> "/api/v1/stats/milestones?milestone=SIGNED&regionCode=440000" + h1 + asOf));
            atSize.put("pipeline_city", measure("pipeline, city (Zhaoqing)",
                    i -> "/api/v1/stats/pipeline?regionCode=441200"));
            atSize.put("pipeline_province", measure("pipeline, province",
                    i -> "/api/v1/stats/pipeline?regionCode=440000"));
            atSize.put("list_page", measure("project list, city, page 4 of 20",
                    i -> "/api/v1/projects?regionCode=441200&page=3&size=20"));
            atSize.put("history", measure("a project's history (random project)",
                    i -> "/api/v1/projects/" + projectId(1 + ThreadLocalRandom.current().nextInt(projects))
                            + "/history"));
            results.put(String.valueOf(projects), atSize);
        }
        Path out = Path.of("target", "benchmark", "queries.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(results));
        System.out.println("written to " + out.toAbsolutePath());
    }

    private static String projectId(int n) {
        return String.format("00000000-0000-4000-8000-%012d", n);
    }

    private Map<String, Object> measure(String what, IntFunction<String> path) throws Exception {
        for (int i = 0; i < 20; i++) {
            get(path.apply(i));
        }
        List<Percentiles> rounds = new ArrayList<>();
        for (int r = 0; r < ROUNDS; r++) {
            Histogram latency = new Histogram(60_000_000L, 3);
            for (int i = 0; i < QUERIES; i++) {
                long start = System.nanoTime();
                get(path.apply(i));
                latency.recordValue(Math.max(1, (System.nanoTime() - start) / 1000));
            }
            rounds.add(new Percentiles(latency.getValueAtPercentile(50) / 1000.0,
                    latency.getValueAtPercentile(99) / 1000.0));
        }
        double p50 = Rounds.median(rounds.stream().mapToDouble(Percentiles::p50).toArray());
        double[] p99s = rounds.stream().mapToDouble(Percentiles::p99).toArray();
        double p99 = Rounds.median(p99s);
        System.out.printf("  %-48s %7.2f / %7.2f  (%s)%n", what, p50, p99, Rounds.range("%.2f", p99s));
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("p50_ms", p50);
        figures.put("p99_ms", p99);
        figures.put("p99_ms_each_round", rounds.stream().mapToDouble(Percentiles::p99).toArray());
        return figures;
    }

    private void get(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", AUTHORIZATION).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** Fills the three read models with {@code projects} projects spread over every region. */
    private void generate(int projects) {
        long started = System.nanoTime();
        jdbc.sql("TRUNCATE project_view, milestone_fact, project_history, " + String.join(", ", Aggregates.TABLES))
                .update();
        String[] regions = RegionTree.bundled().all().stream().map(Region::code).toArray(String[]::new);
        String project = """
                SELECT n, '00000000-0000-4000-8000-' || lpad(n::text, 12, '0') AS id,
                    (?::text[])[1 + n % array_length(?::text[], 1)] AS region,
                    DATE '2021-01-01' + (n * 7 % 1300) AS registered, (n % 1000 + 1) * 1000000 AS amount
                FROM generate_series(1, ?) AS n""";
        jdbc.sql("""
                INSERT INTO project_view (project_id, name, investor, region_code, industry, source_region,
                    planned_investment_yuan, status, registered_on, signed_on, construction_started_on,
                    production_started_on, version)
                SELECT p.id, '基准项目' || p.n, '基准投资有限公司', p.region, 'NEW_ENERGY', '北京', p.amount,
                    CASE WHEN p.n % 100 = 0 THEN 'CANCELLED' ELSE 'ACTIVE' END, p.registered, p.registered + 10,
                    CASE WHEN p.n % 10 < 6 THEN p.registered + 40 END,
                    CASE WHEN p.n % 20 = 1 THEN p.registered + 400 END, 3
                FROM (""" + project + ") AS p").params(regions, regions, projects).update();
        jdbc.sql("""
                INSERT INTO milestone_fact (project_id, milestone, known_from_version, milestone_date, region_code,
                    industry, source_region, planned_investment_yuan, known_from, superseded_at)
                SELECT p.id, m.milestone, m.version, p.registered + m.days, p.region, 'NEW_ENERGY', '北京', p.amount,
                    TIMESTAMPTZ '2024-01-01' + p.n * INTERVAL '1 second',
                    CASE WHEN p.n % 50 = 0 THEN TIMESTAMPTZ '2024-06-01' END
                FROM (""" + project + """
                ) AS p CROSS JOIN (VALUES ('REGISTERED', 1, 0), ('SIGNED', 2, 10), ('CONSTRUCTION_STARTED', 3, 40),
                                          ('PRODUCTION_STARTED', 4, 400)) AS m (milestone, version, days)
                WHERE m.version <= 2 OR (m.version = 3 AND p.n % 10 < 6) OR (m.version = 4 AND p.n % 20 = 1)""")
                .params(regions, regions, projects).update();
        jdbc.sql("""
                INSERT INTO project_history (project_id, version, position, type, recorded_at, actor, data)
                SELECT p.id, e.version, p.n * 3 + e.version, e.type, TIMESTAMPTZ '2024-01-01' + p.n * INTERVAL '1 second',
                    'benchmark', jsonb_build_object('projectId', p.id, 'date', p.registered + e.version * 10)
                FROM (""" + project + """
                ) AS p CROSS JOIN (VALUES (1, 'ProjectRegisteredEvent'), (2, 'ProjectSignedEvent'),
                                          (3, 'ProgressReportedEvent')) AS e (version, type)""")
                .params(regions, regions, projects).update();
        Aggregates.refill(jdbc, "public"); // the totals the projections would have kept
        jdbc.sql("VACUUM ANALYZE project_view").update();
        jdbc.sql("VACUUM ANALYZE milestone_fact").update();
        jdbc.sql("VACUUM ANALYZE project_history").update();
        for (String table : Aggregates.TABLES) {
            jdbc.sql("VACUUM ANALYZE " + table).update();
        }
        System.out.printf("%n%,d projects written to the read models in %.1f s%n", projects,
                (System.nanoTime() - started) / 1e9);
    }
}
