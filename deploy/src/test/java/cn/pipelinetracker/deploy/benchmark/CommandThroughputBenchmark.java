package cn.pipelinetracker.deploy.benchmark;

import cn.pipelinetracker.query.position.ProjectionPositions;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

import javax.sql.DataSource;
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
import java.util.ArrayList;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;

/**
 * Not a test: parts 1 and 2 of the performance harness (issue 8). Prints, and writes to
 * {@code target/benchmark/commands.json}:
 * <ol>
 *     <li>the raw limit: single-event JDBC transactions (a row like an event's) on 1 and 8 threads;</li>
 *     <li>commands over HTTP, a lifecycle mix (register, sign, start construction, report progress), with 1, 8 and
 *     32 clients: commands/s, p50/p95/p99 latency, and the ratio to the raw limit at the same concurrency
 *     (clients beyond 8 compared with 8 threads).</li>
 * </ol>
 * Each figure is the median of {@code benchmark.rounds} rounds (min–max beside it) of {@code benchmark.seconds}
 * seconds. Run: {@code ./mvnw -pl deploy -am verify -Pbenchmark -DskipITs -Dtest=CommandThroughputBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false} (CI runs it small, with {@code -Dbenchmark.seconds=1 -Dbenchmark.rounds=1}).
 */
@Benchmark
class CommandThroughputBenchmark {

    private static final int ROUNDS = Integer.getInteger("benchmark.rounds", 3);
    private static final Duration ROUND = Duration.ofSeconds(Integer.getInteger("benchmark.seconds", 10));
    /** After 5 s the JIT was still compiling: the 1-client round then paid ≈ 3 ms of compiler CPU a command. */
    private static final Duration WARM_UP = Duration.ofSeconds(Integer.getInteger("benchmark.warm-up-seconds", 30));

    @LocalServerPort
    int port;
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ProjectionPositions positions;

    private record Round(long commands, double perSecond, Histogram latency) {
    }

    @Test
    void commands() throws Exception {
        String durability = "fsync=" + jdbc.sql("SHOW fsync").query(String.class).single()
                + ", synchronous_commit=" + jdbc.sql("SHOW synchronous_commit").query(String.class).single();
        System.out.printf("%nCommand throughput on an embedded PostgreSQL (%s), %d round(s) of %d s, %d cores%n",
                durability, ROUNDS, ROUND.toSeconds(), Runtime.getRuntime().availableProcessors());
        jdbc.sql("CREATE TABLE IF NOT EXISTS benchmark_raw (id BIGSERIAL PRIMARY KEY, payload BYTEA NOT NULL)")
                .update();

        Map<String, Object> results = new LinkedHashMap<>();
        results.put("durability", durability);
        Map<Integer, Double> raw = new LinkedHashMap<>();
        for (int threads : new int[]{1, 8}) {
            List<Round> rounds = new ArrayList<>();
            try (Clients pool = new Clients(threads)) {
                for (int r = 0; r < ROUNDS; r++) {
                    rounds.add(pool.measure(() -> this::rawTransaction, ROUND));
                }
            }
            raw.put(threads, median(rounds));
            System.out.printf("raw JDBC, %2d thread(s):  %8.0f tx/s   (min–max %s)%n", threads, median(rounds),
                    range(rounds));
            results.put("raw_" + threads, summary(rounds, null));
        }
        try (Clients warmUp = new Clients(8)) { // JIT, pools and caches warm before anything counts
            warmUp.measure(() -> new LifecycleClient(port)::next, WARM_UP);
        }
        for (int clients : new int[]{1, 8, 32}) {
            awaitProjections();
            List<Round> rounds = new ArrayList<>();
            Map<String, Double> cpuPerCommand;
            String otherThreads;
            try (Clients pool = new Clients(clients)) {
                CpuShares cpu = CpuShares.start(jdbc);
                for (int r = 0; r < ROUNDS; r++) {
                    rounds.add(pool.measure(() -> new LifecycleClient(port)::next, ROUND));
                }
                awaitProjections(); // the projections' work for these commands counts too
                long commands = rounds.stream().mapToLong(Round::commands).sum();
                cpuPerCommand = cpu.perUnit(commands);
                otherThreads = cpu.otherThreads(commands, 4);
            }
            double ratio = median(rounds) / raw.get(clients == 1 ? 1 : 8);
            Histogram all = merged(rounds);
            System.out.printf("HTTP commands, %2d client(s): %6.0f commands/s (min–max %s)  p50 %5.1f ms  p95 %5.1f ms"
                            + "  p99 %5.1f ms  = %.2f × raw%n", clients, median(rounds), range(rounds),
                    all.getValueAtPercentile(50) / 1000.0, all.getValueAtPercentile(95) / 1000.0,
                    all.getValueAtPercentile(99) / 1000.0, ratio);
            Map<String, Double> system = new LinkedHashMap<>(cpuPerCommand);
            Double clientsCpu = system.remove("benchmark_clients");
            System.out.printf("    CPU a command, ms: %s = %.2f (the system; the benchmark's clients beside it: %.2f)%n",
                    system.entrySet().stream().map(part -> String.format("%s %.2f", part.getKey(), part.getValue()))
                            .collect(Collectors.joining(" + ")),
                    system.values().stream().mapToDouble(Double::doubleValue).sum(), clientsCpu);
            System.out.printf("    of jvm_other, the largest threads: %s%n", otherThreads);
            Map<String, Object> summary = summary(rounds, ratio);
            summary.put("cpu_ms_per_command", cpuPerCommand);
            results.put("http_" + clients, summary);
        }
        Path out = Path.of("target", "benchmark", "commands.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, JsonMapper.builder().build().writerWithDefaultPrettyPrinter()
                .writeValueAsString(results));
        System.out.println("written to " + out.toAbsolutePath());
    }

    /** One unit of work of a client; returns normally when it succeeded. */
    private interface Work {
        void run(HttpClient http) throws Exception;
    }

    /**
     * {@code concurrency} clients, each on its own thread with its own HTTP client, kept for every round of one
     * concurrency so that their threads live from the first CPU sample to the last (they count as the benchmark's).
     */
    private static final class Clients implements AutoCloseable {

        private final ExecutorService pool;
        /** The HTTP clients' own work (a pool that ends with them: JDK 17's default one keeps idle threads 60 s). */
        private final ExecutorService io;
        private final List<HttpClient> https = new ArrayList<>();

        Clients(int concurrency) {
            AtomicLong threads = new AtomicLong();
            pool = Executors.newFixedThreadPool(concurrency,
                    task -> new Thread(task, CpuShares.BENCHMARK_CLIENT + threads.incrementAndGet()));
            io = Executors.newFixedThreadPool(2,
                    task -> new Thread(task, CpuShares.BENCHMARK_CLIENT + "io-" + threads.incrementAndGet()));
            for (int i = 0; i < concurrency; i++) {
                https.add(HttpClient.newBuilder().executor(io).connectTimeout(Duration.ofSeconds(5)).build());
            }
        }

        /** Runs every client with its own work (a fresh lifecycle) for {@code duration}. */
        Round measure(Supplier<Work> works, Duration duration) throws Exception {
            AtomicLong done = new AtomicLong();
            long end = System.nanoTime() + duration.toNanos();
            List<Future<Histogram>> latencies = new ArrayList<>();
            for (HttpClient http : https) {
                Work work = works.get();
                latencies.add(pool.submit(() -> {
                    Histogram latency = new Histogram(60_000_000L, 3);
                    while (System.nanoTime() < end) {
                        long start = System.nanoTime();
                        work.run(http);
                        latency.recordValue(Math.max(1, (System.nanoTime() - start) / 1000));
                        done.incrementAndGet();
                    }
                    return latency;
                }));
            }
            Histogram total = new Histogram(60_000_000L, 3);
            for (Future<Histogram> latency : latencies) {
                total.add(latency.get());
            }
            return new Round(done.get(), done.get() / (double) duration.toSeconds(), total);
        }

        @Override
        public void close() throws InterruptedException {
            pool.shutdown();
            io.shutdown();
            if (!pool.awaitTermination(1, TimeUnit.MINUTES) || !io.awaitTermination(1, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the benchmark's clients did not end within a minute");
            }
        }
    }

    /** Until every projection has processed every event appended so far (the CPU of a round includes theirs). */
    private void awaitProjections() {
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> positions.hasProcessed(positions.head()));
    }

    private void rawTransaction(HttpClient unused) throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO benchmark_raw (payload) VALUES (?)")) {
                insert.setBytes(1, new byte[400]);
                insert.executeUpdate();
            }
            connection.commit();
        }
    }

    private static double median(List<Round> rounds) {
        return Rounds.median(rounds.stream().mapToDouble(Round::perSecond).toArray());
    }

    private static String range(List<Round> rounds) {
        return Rounds.range("%.0f", rounds.stream().mapToDouble(Round::perSecond).toArray());
    }

    private static Histogram merged(List<Round> rounds) {
        Histogram all = new Histogram(60_000_000L, 3);
        rounds.forEach(round -> all.add(round.latency()));
        return all;
    }

    private static Map<String, Object> summary(List<Round> rounds, Double ratio) {
        Histogram all = merged(rounds);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("median_per_second", median(rounds));
        summary.put("per_second_each_round", rounds.stream().mapToDouble(Round::perSecond).toArray());
        summary.put("p50_ms", all.getValueAtPercentile(50) / 1000.0);
        summary.put("p95_ms", all.getValueAtPercentile(95) / 1000.0);
        summary.put("p99_ms", all.getValueAtPercentile(99) / 1000.0);
        if (ratio != null) {
            summary.put("ratio_to_raw", ratio);
        }
        return summary;
    }
}
