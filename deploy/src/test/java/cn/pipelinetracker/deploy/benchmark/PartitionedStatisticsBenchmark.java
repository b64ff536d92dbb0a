package cn.pipelinetracker.deploy.benchmark;

import cn.pipelinetracker.events.Milestone;
import cn.pipelinetracker.platform.reference.Region;
import cn.pipelinetracker.platform.reference.RegionTree;
import cn.pipelinetracker.query.stats.MilestoneStatistics;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * Not a test: part 8 of the performance harness (issue 19, decision 0022). The milestone statistics at
 * {@code benchmark.partitioned-projects} projects (default 10 000 000) spread evenly over ten provinces: Guangdong's
 * bundled region tree, and nine copies of it under other provinces' codes (11…, 31…). The facts are generated with
 * SQL ({@link GeneratedReadModels}) into a schema of their own whose {@code milestone_fact} has the columns and the
 * indexes of the real one, partitioned by list of region codes, one partition per province; then the very
 * {@link MilestoneStatistics} the API uses answers, on a connection whose {@code search_path} is that schema, for a
 * city, the province, the province {@code asOf} and the ten provinces together — with PostgreSQL's default plan
 * cache and with custom plans only (see {@link #measure}), and which partitions the province's question scanned. The
 * same data then goes into an unpartitioned table of the same shape, and the same questions are asked again. Prints
 * p50/p99 and writes {@code target/benchmark/partitioned.json}; both schemas are dropped at the end.
 */
@Benchmark
class PartitionedStatisticsBenchmark {

    private static final int ROUNDS = Integer.getInteger("benchmark.rounds", 3);
    private static final int QUERIES = Integer.getInteger("benchmark.queries", 200);
    private static final int PROJECTS = Integer.getInteger("benchmark.partitioned-projects", 10_000_000);
    /** Guangdong first (its codes are the bundled ones), then Beijing, Shanghai, Jiangsu, Zhejiang, Fujian, Shandong, Henan, Hubei, Sichuan. */
    private static final List<String> PROVINCES = List.of("44", "11", "31", "32", "33", "35", "37", "41", "42", "51");
    private static final String PARTITIONED = "bench_partitioned";
    private static final String UNPARTITIONED = "bench_unpartitioned";

    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcClient jdbc;

    private final RegionTree guangdong = RegionTree.bundled();

    @Test
    void statisticsOnFactsPartitionedByProvince() throws Exception {
        Map<String, String[]> regionsByProvince = new LinkedHashMap<>();
        for (String province : PROVINCES) {
            regionsByProvince.put(province, guangdong.all().stream()
                    .map(r -> province + r.code().substring(2)).toArray(String[]::new));
        }
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("projects", PROJECTS);
        results.put("provinces", PROVINCES.size());
        try (Connection connection = dataSource.getConnection()) {
            execute(connection, "DROP SCHEMA IF EXISTS " + PARTITIONED + " CASCADE",
                    "DROP SCHEMA IF EXISTS " + UNPARTITIONED + " CASCADE",
                    "CREATE SCHEMA " + PARTITIONED, "CREATE SCHEMA " + UNPARTITIONED,
                    "CREATE TABLE " + PARTITIONED + ".milestone_fact (LIKE public.milestone_fact INCLUDING DEFAULTS"
                            + " INCLUDING CONSTRAINTS) PARTITION BY LIST (region_code)");
            for (var province : regionsByProvince.entrySet()) {
                execute(connection, "CREATE TABLE " + PARTITIONED + ".milestone_fact_" + province.getKey()
                        + " PARTITION OF " + PARTITIONED + ".milestone_fact FOR VALUES IN ("
                        + Arrays.stream(province.getValue()).map(code -> "'" + code + "'")
                        .collect(Collectors.joining(", ")) + ")");
            }
            Map<String, Object> generation = new LinkedHashMap<>();
            long started = System.nanoTime();
            generate(regionsByProvince);
            generation.put("facts_s", seconds(started));
            started = System.nanoTime();
            index(connection, PARTITIONED, true);
            generation.put("indexes_and_vacuum_s", seconds(started));
            long facts = jdbc.sql("SELECT count(*) FROM " + PARTITIONED + ".milestone_fact").query(Long.class).single();
            generation.put("facts", facts);
            System.out.printf("%n%,d projects (%,d milestone facts) in %d provinces generated in %.1f s, indexed and"
                            + " vacuumed in %.1f s%n", PROJECTS, facts, PROVINCES.size(), generation.get("facts_s"),
                    generation.get("indexes_and_vacuum_s"));
            results.put("generation", generation);
            results.put("partitioned", measure(connection, PARTITIONED, "auto", regionsByProvince));
            results.put("partitioned_custom_plans", measure(connection, PARTITIONED, "force_custom_plan",
                    regionsByProvince));

            started = System.nanoTime();
            execute(connection, "CREATE TABLE " + UNPARTITIONED + ".milestone_fact (LIKE public.milestone_fact"
                            + " INCLUDING DEFAULTS INCLUDING CONSTRAINTS)",
                    "INSERT INTO " + UNPARTITIONED + ".milestone_fact SELECT * FROM " + PARTITIONED + ".milestone_fact",
                    "DROP SCHEMA " + PARTITIONED + " CASCADE");
            index(connection, UNPARTITIONED, false);
            System.out.printf("%nThe same facts copied into one unpartitioned table and indexed in %.1f s%n",
                    seconds(started));
            results.put("unpartitioned", measure(connection, UNPARTITIONED, "auto", regionsByProvince));
            execute(connection, "DROP SCHEMA " + UNPARTITIONED + " CASCADE");
        }
        Rounds.write("partitioned.json", results);
    }

    /** The provinces' facts, two provinces at a time (two cores), each straight into its partition. */
    private void generate(Map<String, String[]> regionsByProvince) throws Exception {
        ExecutorService workers = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> done = new ArrayList<>();
            int first = 1;
            int each = PROJECTS / PROVINCES.size();
            for (var province : regionsByProvince.entrySet()) {
                int from = first;
                int to = province.getKey().equals(PROVINCES.get(PROVINCES.size() - 1)) ? PROJECTS : from + each - 1;
                done.add(workers.submit(() -> GeneratedReadModels.insertMilestoneFacts(jdbc,
                        PARTITIONED + ".milestone_fact_" + province.getKey(), province.getValue(), from, to)));
                first = to + 1;
            }
            for (Future<?> province : done) {
                province.get();
            }
        } finally {
            workers.shutdown();
        }
    }

    /**
     * The indexes of {@code public.milestone_fact} (its migrations', as the database has them) on the schema's copy;
     * a partitioned table's primary key must hold the partition key, so there it ends in {@code region_code}.
     */
    private void index(Connection connection, String schema, boolean partitioned) throws Exception {
        execute(connection, "SET maintenance_work_mem = '1GB'", "SET max_parallel_maintenance_workers = 2");
        List<String> statements = new ArrayList<>(jdbc.sql("""
                SELECT replace(pg_get_indexdef(i.indexrelid), ' ON public.milestone_fact ', ' ON %s.milestone_fact ')
                FROM pg_index i WHERE i.indrelid = 'public.milestone_fact'::regclass AND NOT i.indisprimary"""
                .formatted(schema)).query(String.class).list());
        String primaryKey = jdbc.sql("""
                SELECT pg_get_constraintdef(c.oid) FROM pg_constraint c
                WHERE c.conrelid = 'public.milestone_fact'::regclass AND c.contype = 'p'""").query(String.class).single();
        statements.add("ALTER TABLE " + schema + ".milestone_fact ADD "
                + (partitioned ? primaryKey.replaceFirst("\\)$", ", region_code)") : primaryKey));
        statements.add("VACUUM ANALYZE " + schema + ".milestone_fact");
        execute(connection, statements.toArray(String[]::new));
        execute(connection, "RESET maintenance_work_mem", "RESET max_parallel_maintenance_workers");
    }

    /**
     * The questions on {@code schema}'s facts with {@code planCacheMode}: PostgreSQL's default ({@code auto}) may turn the
     * driver's prepared statement into a generic plan after five executions, and a generic plan cannot prune
     * partitions by {@code region_code = ANY ($2)} (an array parameter); custom plans see the codes and prune.
     */
    private Map<String, Object> measure(Connection connection, String schema, String planCacheMode,
                                        Map<String, String[]> regionsByProvince) throws Exception {
        execute(connection, "SET search_path TO " + schema, "SET plan_cache_mode = " + planCacheMode);
        try {
            MilestoneStatistics statistics = new MilestoneStatistics(
                    JdbcClient.create(new SingleConnectionDataSource(connection, true)));
            Collection<String> nation = regionsByProvince.values().stream().flatMap(Arrays::stream).toList();
            LocalDate from = LocalDate.parse("2024-01-01");
            LocalDate to = LocalDate.parse("2024-06-30");
            Instant asOf = Instant.parse("2024-05-01T00:00:00Z");
            // today's answers come from the pre-aggregated totals (decision 0023); asked "as known now", the same
            // figures come from the facts, which are what is partitioned here
            Instant now = Instant.now();
            var city = new MilestoneStatistics.Question(Milestone.SIGNED, guangdong.subtree("441200"), from, to,
                    null, null, now, null);
            var province = new MilestoneStatistics.Question(Milestone.SIGNED, guangdong.subtree("440000"), from, to,
                    null, null, now, null);
            var provinceAsOf = new MilestoneStatistics.Question(Milestone.SIGNED, guangdong.subtree("440000"), from,
                    to, null, null, asOf, null);
            var allProvinces = new MilestoneStatistics.Question(Milestone.SIGNED, nation, from, to,
                    null, null, now, null);
            System.out.printf("%nStatistics on %s facts at %,d projects, plan_cache_mode %s (MilestoneStatistics, one"
                            + " connection): p50 / p99 in ms, median of %d rounds of %d (p99 min–max)%n", schema, PROJECTS,
                    planCacheMode, ROUNDS, QUERIES);
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("stats_city", Latencies.measure("city (Zhaoqing), signed H1 2024", ROUNDS, QUERIES,
                    i -> statistics.count(city)));
            figures.put("stats_province", Latencies.measure("province (Guangdong), signed H1 2024", ROUNDS, QUERIES,
                    i -> statistics.count(province)));
            figures.put("stats_province_as_of", Latencies.measure("province, asOf", ROUNDS, QUERIES,
                    i -> statistics.count(provinceAsOf)));
            // ten times the rows of a province: a tenth of the requests
            figures.put("stats_ten_provinces", Latencies.measure("ten provinces together", ROUNDS,
                    Math.max(20, QUERIES / 10), i -> statistics.count(allProvinces)));
            figures.put("province_answer", statistics.count(province).toString());
            figures.put("partitions_scanned_for_the_province", partitionsScanned(connection, schema,
                    () -> statistics.count(province)));
            return figures;
        } finally {
            execute(connection, "RESET search_path", "RESET plan_cache_mode");
        }
    }

    /** The tables of {@code schema} whose indexes {@code question} scanned, from the statistics' own counters. */
    private List<String> partitionsScanned(Connection connection, String schema, Runnable question) throws Exception {
        Map<String, Long> before = indexScans(connection, schema);
        question.run();
        Map<String, Long> after = indexScans(connection, schema);
        List<String> scanned = after.entrySet().stream()
                .filter(table -> table.getValue() > before.getOrDefault(table.getKey(), 0L))
                .map(Map.Entry::getKey).sorted().toList();
        System.out.println("  tables whose indexes the province's question scanned: " + scanned);
        return scanned;
    }

    private Map<String, Long> indexScans(Connection connection, String schema) throws Exception {
        execute(connection, "SELECT pg_stat_force_next_flush()");
        execute(connection, "SELECT pg_stat_clear_snapshot()");
        Map<String, Long> scans = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
             var rows = statement.executeQuery("SELECT relname, coalesce(idx_scan, 0) FROM pg_stat_user_tables"
                     + " WHERE schemaname = '" + schema + "'")) {
            while (rows.next()) {
                scans.put(rows.getString(1), rows.getLong(2));
            }
        }
        return scans;
    }

    private static void execute(Connection connection, String... statements) throws Exception {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static double seconds(long startedNanos) {
        return Math.round((System.nanoTime() - startedNanos) / 1e8) / 10.0;
    }
}
