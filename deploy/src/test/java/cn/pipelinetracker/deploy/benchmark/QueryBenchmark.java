package cn.pipelinetracker.deploy.benchmark;

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
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Not a test: part 4 of the performance harness (issue 8). The read models are filled straight with SQL at each size
 * of {@code benchmark.query-projects} (default 100 000 and 1 000 000 projects, {@link GeneratedReadModels}), then each
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

    @Test
    void queries() throws Exception {
        Map<String, Object> results = new LinkedHashMap<>();
        for (int projects : GeneratedReadModels.sizes()) {
            GeneratedReadModels.fill(jdbc, projects);
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
            atSize.put("alert_counts_province", measure("alert counts, province (the dashboard's)",
                    i -> "/api/v1/alerts/counts?regionCode=440000"));
            // a megabytes-long answer at 1 000 000 projects: fewer requests, so that the part does not take minutes
            atSize.put("alerts_city", Latencies.measure("alerts, city (Zhaoqing), the whole list (20 a round)", ROUNDS,
                    Math.min(QUERIES, 20), i -> get("/api/v1/alerts?regionCode=441200")));
            atSize.put("alerts_province_red_first_200", measure("alerts, province, red, the first 200 (the dashboard's)",
                    i -> "/api/v1/alerts?regionCode=440000&level=RED&limit=200"));
            atSize.put("alerts_of_a_page", measure("alerts of a list page's 20 projects (the workbench's)",
                    i -> "/api/v1/alerts?regionCode=440000" + IntStream.range(0, 20).mapToObj(k -> "&projectId="
                            + GeneratedReadModels.projectId(1 + ThreadLocalRandom.current().nextInt(projects)))
                            .collect(Collectors.joining())));
            String alertList = get("/api/v1/alerts?regionCode=441200");
            long alertCount = JsonMapper.builder().build().readTree(alertList).size();
            System.out.printf("    (that list: %,d alerts, %,d bytes of JSON)%n", alertCount,
                    alertList.getBytes(StandardCharsets.UTF_8).length);
            atSize.put("alerts_city_answer", Map.of("alerts", alertCount,
                    "bytes", alertList.getBytes(StandardCharsets.UTF_8).length));
            atSize.put("history", measure("a project's history (random project)",
                    i -> "/api/v1/projects/" + GeneratedReadModels.projectId(1 + ThreadLocalRandom.current().nextInt(projects))
                            + "/history"));
            results.put(String.valueOf(projects), atSize);
        }
        Rounds.write("queries.json", results);
    }

    private Map<String, Object> measure(String what, IntFunction<String> path) throws Exception {
        return Latencies.measure(what, ROUNDS, QUERIES, i -> get(path.apply(i)));
    }

    private String get(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", AUTHORIZATION).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}
