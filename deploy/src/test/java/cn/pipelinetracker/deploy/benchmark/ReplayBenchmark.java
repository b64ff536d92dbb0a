package cn.pipelinetracker.deploy.benchmark;

import cn.pipelinetracker.deploy.PipelineTrackerApplication;
import cn.pipelinetracker.platform.test.TestHttp;
import cn.pipelinetracker.query.position.ProjectionPositions;
import com.zaxxer.hikari.HikariDataSource;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.awaitility.Awaitility.await;

/**
 * Not a test: parts 3 and 5 of the performance harness (issue 8), on one log of {@code benchmark.replay-events}
 * events (default 1 000 000: a quarter as many projects, four events each), written straight into the event store
 * with SQL in the exact form the application stores, so that generating it does not dominate the run.
 * <ol>
 *     <li>replay: the live processors catch up from an empty read side, then {@code benchmark.rounds} rebuilds of
 *     every projection (median, min–max);</li>
 *     <li>start-up: the all-in-one application started as a process of its own on that database (the embedded
 *     PostgreSQL of this run, given by URL), to {@code /actuator/health} UP;</li>
 *     <li>memory: that process's peak resident set (VmHWM) after {@code benchmark.seconds} × 2 of commands from 8
 *     clients, with the JVM's default settings.</li>
 * </ol>
 * Prints a table and writes {@code target/benchmark/replay.json}.
 */
@Benchmark
class ReplayBenchmark {

    private static final int ROUNDS = Integer.getInteger("benchmark.rounds", 3);
    private static final Duration LOAD = Duration.ofSeconds(2L * Integer.getInteger("benchmark.seconds", 10));

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    ProjectionPositions positions;

    @Test
    void replayStartUpAndMemory() throws Exception {
        int projects = Integer.getInteger("benchmark.replay-events", 1_000_000) / 4;
        long started = System.nanoTime();
        SyntheticLog.write(jdbc, projects);
        long head = jdbc.sql("SELECT max(global_index) FROM domain_event_entry").query(Long.class).single();
        System.out.printf("%n%,d events of %,d projects written in %.1f s (fsync=%s, synchronous_commit=%s, %d cores)%n",
                head, projects, (System.nanoTime() - started) / 1e9, jdbc.sql("SHOW fsync").query(String.class).single(),
                jdbc.sql("SHOW synchronous_commit").query(String.class).single(),
                Runtime.getRuntime().availableProcessors());
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("events", head);

        long live = System.nanoTime();
        await().atMost(Duration.ofMinutes(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> positions.hasProcessed(head));
        double liveRate = head / ((System.nanoTime() - live) / 1e9);
        System.out.printf("live processors catching up (3 projections × 4 segments): %8.0f events/s%n", liveRate);
        results.put("live_events_per_second", liveRate);

        TestHttp http = TestHttp.onPort(port);
        double[] rebuilds = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            String rebuildId = http.post("/api/v1/admin/projections/rebuild", "").json().get("rebuildId").asString();
            JsonNode last = await().atMost(Duration.ofMinutes(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                JsonNode rebuild = http.get("/api/v1/admin/projections").json().get("lastRebuild");
                return rebuild.get("rebuildId").asString().equals(rebuildId) && !rebuild.get("finishedAt").isNull()
                        ? rebuild : null;
            }, rebuild -> rebuild != null);
            rebuilds[round] = last.get("eventsPerSecond").asDouble();
        }
        System.out.printf("rebuild of every projection:                              %8.0f events/s (min–max %s,"
                + " %d rounds)%n", Rounds.median(rebuilds), Rounds.range("%.0f", rebuilds), ROUNDS);
        results.put("rebuild_events_per_second", Rounds.median(rebuilds));
        results.put("rebuild_events_per_second_each_round", rebuilds);

        startUpAndMemory(results);

        Path out = Path.of("target", "benchmark", "replay.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(results));
        System.out.println("written to " + out.toAbsolutePath());
    }

    /** Starts the all-in-one application as its own process on this run's database, then loads it. */
    private void startUpAndMemory(Map<String, Object> results) throws Exception {
        HikariDataSource database = dataSource.unwrap(HikariDataSource.class);
        int appPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            appPort = socket.getLocalPort();
        }
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path log = Path.of("target", "benchmark", "start-up.log");
        Files.createDirectories(log.getParent());
        long started = System.nanoTime();
        Process app = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, PipelineTrackerApplication.class.getName(), "--server.port=" + appPort,
                "--spring.datasource.url=" + database.getJdbcUrl(),
                "--spring.datasource.username=" + database.getUsername(),
                "--spring.datasource.password=" + (database.getPassword() == null ? "" : database.getPassword()),
                "--pipeline.data-dir=target/test-data/start-up-" + appPort)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            HttpClient client = HttpClient.newHttpClient();
            AtomicReference<String> lastAnswer = new AtomicReference<>("none");
            try {
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                        .until(() -> {
                            HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(
                                    "http://localhost:" + appPort + "/actuator/health")).build(),
                                    HttpResponse.BodyHandlers.ofString());
                            lastAnswer.set(health.statusCode() + " " + health.body());
                            return health.statusCode() == 200;
                        });
            } catch (ConditionTimeoutException e) {
                throw new IllegalStateException("not healthy; last answer " + lastAnswer + "; log in " + log, e);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("start-up to healthy, all-in-one process on this database:  %8.1f s%n", seconds);
            results.put("start_up_seconds", seconds);

            long commands = load(appPort);
            long peakKiB = peakResidentKiB(app.pid());
            System.out.printf("peak resident memory of that process after %d s of commands from 8 clients (%d"
                    + " commands): %d MiB (JVM defaults; PostgreSQL runs apart)%n", LOAD.toSeconds(), commands,
                    peakKiB / 1024);
            results.put("peak_rss_mib", peakKiB / 1024);
        } finally {
            app.destroy();
            app.waitFor();
        }
    }

    private static long load(int appPort) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + LOAD.toNanos();
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            running.add(clients.submit(() -> {
                LifecycleClient commands = new LifecycleClient(appPort);
                HttpClient http = HttpClient.newHttpClient();
                while (System.nanoTime() < end) {
                    commands.next(http);
                    done.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> client : running) {
            client.get();
        }
        clients.shutdown();
        return done.get();
    }

    private static long peakResidentKiB(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status")).stream()
                .filter(line -> line.startsWith("VmHWM:"))
                .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")))
                .findFirst().orElseThrow();
    }
}
