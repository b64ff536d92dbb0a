package cn.pipelinetracker.deploy;

import cn.pipelinetracker.platform.test.TestHttp;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two command-side and two query-side processes on one PostgreSQL: commands sent alternately to both command
 * processes are projected exactly once across the query processes (they share the segments); after one query
 * process is killed mid-stream (SIGKILL), the survivor takes over its segments and nothing is lost or counted twice.
 */
class ScaleOutIT {

    private static final Path DEPLOY_TARGET = Path.of(System.getProperty("pipeline.jar",
            "target/pipeline-tracker.jar")).toAbsolutePath().normalize().getParent();
    private static final String RUN = UUID.randomUUID().toString();

    private final List<RunningJar> processes = new ArrayList<>();
    private EmbeddedPostgres postgres;
    private int commandCounter;
    private long lastPosition;

    @AfterEach
    void stopEverything() throws IOException {
        for (RunningJar process : processes) {
            process.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    private RunningJar start(String module, String name, String... database) {
        RunningJar process = RunningJar.start(name, SeparateProcessesIT.jar(module),
                DEPLOY_TARGET.resolve("it-logs/scale-out-" + name + "-" + RUN + ".log"), null,
                SeparateProcessesIT.withUsers(database));
        processes.add(process);
        return process;
    }

    /** Registers and signs {@code count} projects in Zhaoqing, alternating between the command processes. */
    private BigDecimal registerAndSign(List<TestHttp> commandSides, int count, Runnable halfway) {
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 0; i < count; i++) {
            if (i == count / 2) {
                halfway.run();
            }
            long yuan = 1_000_000L + i;
            TestHttp.Response registered = next(commandSides).post("/api/v1/projects", """
                    {"name":"扩容测试项目%d","investor":"扩容测试有限公司","regionCode":"441202","industry":"NEW_ENERGY",
                     "plannedInvestmentYuan":%d,"registeredOn":"2024-01-05"}""".formatted(i, yuan));
            assertThat(registered.status()).as(registered.body()).isEqualTo(201);
            String id = registered.json().get("projectId").asString();
            TestHttp.Response signed = next(commandSides).post("/api/v1/projects/" + id + "/sign",
                    "{\"signedOn\":\"2024-03-01\"}");
            assertThat(signed.status()).as(signed.body()).isEqualTo(200);
            lastPosition = Math.max(lastPosition, signed.json().get("position").asLong());
            total = total.add(BigDecimal.valueOf(yuan));
        }
        return total;
    }

    private TestHttp next(List<TestHttp> sides) {
        return sides.get(commandCounter++ % sides.size());
    }

    private static void awaitTotals(TestHttp querySide, long projects, BigDecimal yuan) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            var stats = querySide.get("/api/v1/stats/milestones?milestone=SIGNED&regionCode=441200"
                    + "&from=2024-03-01&to=2024-03-01");
            assertThat(stats.status()).isEqualTo(200);
            assertThat(stats.json().get("projects").asLong()).isEqualTo(projects);
            assertThat(stats.json().get("plannedInvestmentYuan").decimalValue()).isEqualByComparingTo(yuan);
            var list = querySide.get("/api/v1/projects?regionCode=441202&stage=SIGNED&size=1");
            assertThat(list.json().get("total").asLong()).isEqualTo(projects);
        });
    }

    @Test
    void twoOfEachShareTheWorkAndASurvivorTakesOverAKilledProcessesSegments() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        String[] database = {
                "--spring.datasource.url=jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres",
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres"};
        RunningJar commandA = start("command-side", "command-a", database);
        RunningJar commandB = start("command-side", "command-b", database);
        RunningJar queryA = start("query-side", "query-a", database);
        RunningJar queryB = start("query-side", "query-b", database);
        for (RunningJar process : processes) {
            process.awaitHealthy();
        }
        List<TestHttp> commandSides = List.of(commandA.http(), commandB.http());

        BigDecimal firstTotal = registerAndSign(commandSides, 100, () -> { });
        awaitTotals(queryA.http(), 100, firstTotal);
        awaitTotals(queryB.http(), 100, firstTotal);
        assertThat(queryA.log()).as("query-a works some segments").contains("claimed");
        assertThat(queryB.log()).as("query-b works some segments").contains("claimed");

        BigDecimal secondTotal = registerAndSign(commandSides, 60, () -> queryB.process().destroyForcibly());
        assertThat(queryB.process().isAlive()).isFalse();
        awaitTotals(queryA.http(), 160, firstTotal.add(secondTotal));
        var history = queryA.http().get("/api/v1/audit/verify");
        assertThat(history.json().get("valid").asBoolean()).isTrue();
        assertThat(history.json().get("events").asLong()).isEqualTo(320);
    }
}
