package cn.pipelinetracker.deploy.benchmark;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import javax.sql.DataSource;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * Part 6 of the harness: the ledger (issue 15).
 * <ol>
 *     <li>the raw batched-insert limit: rows like an event's, 500 to a transaction, on one connection;</li>
 *     <li>import, apply mode, of a ledger of {@code benchmark.ledger-rows} new projects (each registered and signed, a
 *     third also started: about 2.33 events a row), through HTTP and the command layer: events/s from the upload to
 *     the job's {@code DONE}, and the ratio to the raw limit; then how long after the job's end the projections had
 *     caught up with it (they run meanwhile on the same cores), and events/s from the upload to that moment;
 *     afterwards the audit chain must verify;</li>
 *     <li>export of {@code benchmark.ledger-export-rows} projects (rows put straight into {@code project_view}) as CSV
 *     and as xlsx: rows/s and the peak heap of the process while it ran.</li>
 * </ol>
 * Each figure is the median of {@code benchmark.rounds} rounds. Writes {@code target/benchmark/ledger.json}.
 */
@Benchmark
class LedgerBenchmark {

    private static final int ROUNDS = Integer.getInteger("benchmark.rounds", 3);
    private static final int IMPORT_ROWS = Integer.getInteger("benchmark.ledger-rows", 100_000);
    private static final int EXPORT_ROWS = Integer.getInteger("benchmark.ledger-export-rows", 1_000_000);
    private static final int RAW_BATCH = 500;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ADMIN = "Basic " + Base64.getEncoder()
            .encodeToString("test-admin:test-admin-pw".getBytes(StandardCharsets.UTF_8));

    @LocalServerPort
    int port;
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcClient jdbc;

    @Test
    void ledger() throws Exception {
        System.out.printf("%nLedger import and export, %d round(s), %d cores, fsync=%s%n", ROUNDS,
                Runtime.getRuntime().availableProcessors(), jdbc.sql("SHOW fsync").query(String.class).single());
        Map<String, Object> results = new LinkedHashMap<>();
        jdbc.sql("CREATE TABLE IF NOT EXISTS benchmark_raw (id BIGSERIAL PRIMARY KEY, payload BYTEA NOT NULL)")
                .update();
        double[] raw = new double[ROUNDS];
        double[] imported = new double[ROUNDS];
        double[] projected = new double[ROUNDS];
        double[] projectionsBehind = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            raw[round] = rawBatchedInserts(Math.max(IMPORT_ROWS * 7 / 3, 10_000));
            ImportRun run = importRun(round);
            imported[round] = run.eventsPerSecond();
            projected[round] = run.eventsPerSecondProjected();
            projectionsBehind[round] = run.projectionsBehindSeconds();
        }
        double ratio = Rounds.median(imported) / Rounds.median(raw);
        System.out.printf("raw batched inserts:        %9.0f rows/s  (min–max %s)%n", Rounds.median(raw),
                Rounds.range("%.0f", raw));
        System.out.printf("import of %,d new projects: %9.0f events/s (min–max %s) = %.2f × raw%n", IMPORT_ROWS,
                Rounds.median(imported), Rounds.range("%.0f", imported), ratio);
        System.out.printf("  projections caught up %.1f s after the job's end (min–max %s): %.0f events/s from the "
                        + "upload to projected%n", Rounds.median(projectionsBehind),
                Rounds.range("%.1f", projectionsBehind), Rounds.median(projected));
        JsonNode verify = JSON.readTree(get("/api/v1/audit/verify").body());
        System.out.println("audit chain after the imports: " + verify);
        results.put("raw_batched_inserts_per_second", Map.of("median", Rounds.median(raw), "each_round", raw));
        results.put("import_events_per_second", Map.of("median", Rounds.median(imported), "each_round", imported,
                "rows", IMPORT_ROWS, "ratio_to_raw", ratio, "chain_valid", verify.get("valid").asBoolean(),
                "projections_caught_up_seconds_after_the_job", Map.of("median", Rounds.median(projectionsBehind),
                        "each_round", projectionsBehind),
                "events_per_second_upload_to_projected", Map.of("median", Rounds.median(projected),
                        "each_round", projected)));

        fillProjectView(EXPORT_ROWS);
        for (String format : List.of("csv", "xlsx")) {
            double[] rowsPerSecond = new double[ROUNDS];
            double[] peakHeapMb = new double[ROUNDS];
            for (int round = 0; round < ROUNDS; round++) {
                resetHeapPeaks();
                long start = System.nanoTime();
                long bytes = download("/api/v1/ledger." + format + "?regionCode=441203");
                rowsPerSecond[round] = EXPORT_ROWS / ((System.nanoTime() - start) / 1e9);
                peakHeapMb[round] = heapPeakMb();
                System.out.printf("export %s of %,d rows: %,d bytes%n", format, EXPORT_ROWS, bytes);
            }
            System.out.printf("export %-4s:                %9.0f rows/s   (min–max %s), peak heap %.0f MB%n", format,
                    Rounds.median(rowsPerSecond), Rounds.range("%.0f", rowsPerSecond), Rounds.median(peakHeapMb));
            results.put("export_" + format, Map.of("rows", EXPORT_ROWS, "rows_per_second",
                    Rounds.median(rowsPerSecond), "each_round", rowsPerSecond, "peak_heap_mb",
                    Rounds.median(peakHeapMb), "max_heap_mb", Runtime.getRuntime().maxMemory() / 1_048_576.0));
        }
        Path out = Path.of("target/benchmark/ledger.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(results));
        System.out.println("written to " + out.toAbsolutePath());
    }

    private double rawBatchedInserts(int rows) throws Exception {
        long start = System.nanoTime();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO benchmark_raw (payload) VALUES (?)")) {
                for (int i = 1; i <= rows; i++) {
                    insert.setBytes(1, new byte[400]);
                    insert.addBatch();
                    if (i % RAW_BATCH == 0 || i == rows) {
                        insert.executeBatch();
                        connection.commit();
                    }
                }
            }
        }
        return rows / ((System.nanoTime() - start) / 1e9);
    }

    /**
     * One import: events appended per second from the upload to the job's end; how long after that end every projection
     * had reached the last event (to the next half second); and events per second from the upload to that moment.
     */
    private record ImportRun(double eventsPerSecond, double projectionsBehindSeconds,
                             double eventsPerSecondProjected) {
    }

    /** A ledger of new projects, applied. */
    private ImportRun importRun(int round) throws Exception {
        StringBuilder csv = new StringBuilder("项目名称,投资方,区域代码,行业代码,计划总投资（万元）,签约日期,开工日期\n");
        LocalDate signed = LocalDate.of(2024, 3, 1);
        for (int i = 0; i < IMPORT_ROWS; i++) {
            csv.append("基准项目").append(round).append('-').append(i).append(",基准投资有限公司").append(i)
                    .append(",441202,NEW_ENERGY,").append(1000 + i % 997).append('.').append(i % 100).append(',')
                    .append(signed).append(',').append(i % 3 == 0 ? signed.plusDays(30).toString() : "").append('\n');
        }
        long before = jdbc.sql("SELECT count(*) FROM domain_event_entry").query(Long.class).single();
        Instant start = Instant.now();
        JsonNode started = JSON.readTree(upload("benchmark-" + round + ".csv",
                csv.toString().getBytes(StandardCharsets.UTF_8)).body());
        String importId = started.get("importId").asString();
        // polled seldom, not to take the import's cores; the end is the job's own, exact whatever the polling
        JsonNode status = await().atMost(Duration.ofHours(1)).pollInterval(Duration.ofSeconds(1))
                .until(() -> JSON.readTree(get("/api/v1/ledger/imports/" + importId).body()),
                        answer -> !answer.get("status").asString().equals("RUNNING"));
        Instant finished = Instant.parse(status.get("finishedAt").asString());
        long head = jdbc.sql("SELECT max(global_index) FROM domain_event_entry").query(Long.class).single();
        await().atMost(Duration.ofHours(1)).pollInterval(Duration.ofMillis(500))
                .until(() -> JSON.readTree(get("/api/v1/admin/projections").body()).get("projections").valueStream()
                        .allMatch(projection -> projection.get("position").asLong() >= head));
        Instant projected = Instant.now();
        double seconds = Duration.between(start, finished).toNanos() / 1e9;
        long events = jdbc.sql("SELECT count(*) FROM domain_event_entry").query(Long.class).single() - before;
        if (status.get("applied").asInt() != IMPORT_ROWS) {
            throw new IllegalStateException("the import applied " + status.get("applied") + " of " + IMPORT_ROWS
                    + " rows: " + status.get("problems"));
        }
        return new ImportRun(events / seconds,
                Math.max(0, Duration.between(finished, projected).toNanos() / 1e9),
                events / (Duration.between(start, projected).toNanos() / 1e9));
    }

    /** Projects straight into the view the export reads (the export's cost does not depend on how they came). */
    private void fillProjectView(int rows) {
        for (int from = 0; from < rows; from += 100_000) {
            jdbc.sql("""
                    INSERT INTO project_view (project_id, project_code, name, investor, region_code, industry,
                        planned_investment_yuan, status, registered_on, signed_on, construction_started_on,
                        completed_investment_yuan, construction_progress_percent, progress_as_of, version)
                    SELECT gen_random_uuid()::text, 'BENCH-' || n, '导出基准项目' || n, '导出基准投资有限公司' || n,
                        '441203', 'NEW_ENERGY', 10000000 + n * 100.25, 'ACTIVE', DATE '2024-01-02',
                        DATE '2024-02-03', CASE WHEN n % 2 = 0 THEN DATE '2024-04-05' END,
                        CASE WHEN n % 2 = 0 THEN 123456.78 END, CASE WHEN n % 2 = 0 THEN 37.5 END,
                        CASE WHEN n % 2 = 0 THEN DATE '2024-06-30' END, 3
                    FROM generate_series(?, ?) AS n""").params(from + 1, Math.min(from + 100_000, rows)).update();
        }
    }

    private static void resetHeapPeaks() {
        System.gc();
        heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static double heapPeakMb() {
        return heapPools().stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum() / 1_048_576.0;
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return new ArrayList<>(ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).toList());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", ADMIN).build(), HttpResponse.BodyHandlers.ofString());
    }

    private long download(String path) throws Exception {
        HttpResponse<InputStream> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + path)).header("Authorization", ADMIN).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        long bytes = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream body = response.body()) {
            for (int n; (n = body.read(buffer)) > 0; ) {
                bytes += n;
            }
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("export answered " + response.statusCode());
        }
        return bytes;
    }

    private HttpResponse<String> upload(String fileName, byte[] file) throws Exception {
        String boundary = "benchmark-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"mode\"\r\n\r\napply\r\n--"
                + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(file);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/ledger/imports"))
                .header("Authorization", ADMIN)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
