package cn.pipelinetracker.deploy.benchmark;

import cn.pipelinetracker.deploy.PipelineTrackerApplication;
import cn.pipelinetracker.deploy.console.Backup;
import cn.pipelinetracker.deploy.console.Restore;
import cn.pipelinetracker.platform.audit.EventChain;
import cn.pipelinetracker.platform.audit.PublicChain;
import cn.pipelinetracker.platform.test.TestHttp;
import cn.pipelinetracker.query.position.ProjectionPositions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import javax.sql.DataSource;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * Not a test: part 7 of the performance harness (issue 24), on a sealed log of {@code benchmark.backup-events} events
 * (default 1 000 000, the synthetic log of part 3): {@code benchmark.rounds} backups while the system runs (seconds,
 * size), then a restore of the last one into a new data folder and the all-in-one started on it as a process of its
 * own: to {@code /actuator/health} UP, and on until its projections have replayed the whole log. Prints a table and
 * writes {@code target/benchmark/backup.json}.
 */
@Benchmark
class BackupBenchmark {

    private static final int ROUNDS = Integer.getInteger("benchmark.rounds", 3);
    private static final int SEALED_PER_BATCH = 5_000;

    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    EventChain chain;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    ProjectionPositions positions;

    @Test
    void backupAndRestoreToHealthy() throws Exception {
        int projects = Integer.getInteger("benchmark.backup-events", 1_000_000) / 4;
        SyntheticLog.write(jdbc, projects);
        long sealing = System.nanoTime();
        seal();
        long head = jdbc.sql("SELECT max(global_index) FROM domain_event_entry").query(Long.class).single();
        System.out.printf("%n%,d events of %,d projects written and sealed in %.1f s (%d cores)%n", head, projects,
                (System.nanoTime() - sealing) / 1e9, Runtime.getRuntime().availableProcessors());
        // the backups are measured on a system at rest, not one still projecting the log just written
        await().atMost(Duration.ofMinutes(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> positions.hasProcessed(head));

        Path folder = Path.of("target", "benchmark", "backup-" + UUID.randomUUID());
        Files.createDirectories(folder);
        double[] seconds = new double[ROUNDS];
        Path file = null;
        for (int round = 0; round < ROUNDS; round++) {
            file = folder.resolve("round-" + round + ".zip");
            long started = System.nanoTime();
            Backup.write(dataSource, file);
            seconds[round] = (System.nanoTime() - started) / 1e9;
        }
        double megabytes = Files.size(file) / 1e6;
        System.out.printf("backup of %,d events while running:      %8.1f s (min–max %s, %d rounds), %.1f MB%n",
                head, Rounds.median(seconds), Rounds.range("%.1f", seconds), ROUNDS, megabytes);

        Path restored = folder.resolve("restored");
        long restoring = System.nanoTime();
        Restore.restore(file, restored, null, null);
        double restoreSeconds = (System.nanoTime() - restoring) / 1e9;
        System.out.printf("restore into a new data folder (chain verified): %8.1f s%n", restoreSeconds);

        Map<String, Object> results = new LinkedHashMap<>();
        results.put("events", head);
        results.put("backup_seconds", Rounds.median(seconds));
        results.put("backup_seconds_each_round", seconds);
        results.put("backup_megabytes", megabytes);
        results.put("restore_seconds", restoreSeconds);
        startOn(restored, head, results);

        Path out = Path.of("target", "benchmark", "backup.json");
        Files.writeString(out, JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(results));
        System.out.println("written to " + out.toAbsolutePath());
        try (var entries = Files.walk(folder)) {
            entries.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /**
     * Seals the synthetic log as the application would have, event by event in each project's order, but with one
     * streamed read and batched inserts: sealing a million events one project at a time would take most of the run.
     */
    private void seal() {
        List<Object[]> hashes = new ArrayList<>();
        String[] previous = {null, null, null}; // aggregate, its last hash under scheme 1, under scheme 2
        JdbcTemplate reader = new JdbcTemplate(dataSource);
        reader.setFetchSize(SEALED_PER_BATCH);
        JdbcTemplate writer = new JdbcTemplate(dataSource);
        String insert = "INSERT INTO event_hash (global_index, aggregate_identifier, sequence_number, hash, public_hash,"
                + " sealed_scheme) VALUES (?, ?, ?, ?, ?, " + PublicChain.SCHEME + ")";
        transaction.executeWithoutResult(status -> reader.query("SELECT " + EventChain.STORED_EVENT_COLUMNS
                + " FROM domain_event_entry e ORDER BY e.aggregate_identifier, e.sequence_number", rs -> {
            EventChain.StoredEvent event = EventChain.StoredEvent.read(rs);
            boolean sameAggregate = event.aggregateId().equals(previous[0]);
            String hash = chain.hashOf(event, sameAggregate ? previous[1] : null);
            String publicHash = PublicChain.eventHash(event.publicFields(sameAggregate ? previous[2] : null));
            previous[0] = event.aggregateId();
            previous[1] = hash;
            previous[2] = publicHash;
            hashes.add(new Object[]{event.position(), event.aggregateId(), event.sequence(), hash, publicHash});
            if (hashes.size() == SEALED_PER_BATCH) {
                writer.batchUpdate(insert, hashes);
                hashes.clear();
            }
        }));
        writer.batchUpdate(insert, hashes);
    }

    /** The all-in-one on the restored folder: to healthy, then until its projections have replayed the log. */
    private static void startOn(Path dataDir, long head, Map<String, Object> results) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path log = Path.of("target", "benchmark", "restored-start-up.log");
        long started = System.nanoTime();
        Process app = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, PipelineTrackerApplication.class.getName(), "--server.port=" + port,
                "--pipeline.embedded-database=true", "--pipeline.data-dir=" + dataDir.toAbsolutePath(),
                "--pipeline.backup.schedule=-",
                "--pipeline.security.users[0].name=bench", "--pipeline.security.users[0].password={noop}bench-pw",
                "--pipeline.security.users[0].role=ADMIN", "--pipeline.security.users[0].region-code=440000")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            TestHttp http = new TestHttp("http://localhost:" + port, "bench", "bench-pw");
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                    .until(() -> http.anonymous().get("/actuator/health").status() == 200);
            double healthy = (System.nanoTime() - started) / 1e9;
            await().atMost(Duration.ofMinutes(60)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> {
                        JsonNode projections = http.get("/api/v1/admin/projections").json().get("projections");
                        return projections.size() > 0 && projections.valueStream()
                                .allMatch(projection -> projection.get("position").asLong() >= head);
                    });
            double caughtUp = (System.nanoTime() - started) / 1e9;
            System.out.printf("start on the restored folder: healthy in     %8.1f s, projections replayed in %.1f s%n",
                    healthy, caughtUp);
            results.put("restored_start_to_healthy_seconds", healthy);
            results.put("restored_start_to_projections_replayed_seconds", caughtUp);
        } finally {
            app.destroy();
            app.waitFor();
        }
    }
}
