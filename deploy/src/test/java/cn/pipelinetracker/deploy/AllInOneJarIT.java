package cn.pipelinetracker.deploy;

import cn.pipelinetracker.platform.test.TestHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The all-in-one jar as acceptance checks start it ("Running it" in api-v1.md): {@code java -jar
 * deploy/target/pipeline-tracker.jar --server.port --pipeline.data-dir --pipeline.demo-data=false}, stopped with
 * SIGTERM and started again on the same data folder.
 */
class AllInOneJarIT {

    private static final Path JAR = Path.of(System.getProperty("pipeline.jar", "target/pipeline-tracker.jar"))
            .toAbsolutePath().normalize();
    private static final Duration EXIT_DEADLINE = Duration.ofSeconds(30);

    private final List<RunningJar> started = new ArrayList<>();

    @AfterEach
    void stopEverythingStarted() {
        started.forEach(RunningJar::close);
    }

    @Test
    void theAllInOneJarStopsOnSigtermAndKeepsItsDataAcrossARestart() throws java.io.IOException {
        String run = UUID.randomUUID().toString();
        Path target = JAR.getParent();
        Path dataDir = target.resolve("it-data").resolve(run);
        String name = "肇庆高要金属新材料产业园项目（𠮷）";

        // First start: register and sign.
        RunningJar first = start("all-in-one, first start", target.resolve("it-logs/all-in-one-" + run + "-1.log"),
                dataDir).awaitHealthy();
        // No user configured: the first start creates "admin", prints its password once and keeps it in the data dir.
        Path passwordFile = dataDir.resolve("initial-admin-password");
        assertThat(passwordFile).exists();
        assertThat(Files.getPosixFilePermissions(passwordFile)).containsExactlyInAnyOrder(
                PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        String password = Files.readString(passwordFile).strip();
        assertThat(first.log()).contains(password);
        assertThat(first.http().anonymous().get("/api/v1/regions").status()).isEqualTo(401);
        assertThat(first.http().anonymous().get("/actuator/health").body()).as("exactly as the contract writes it")
                .isEqualTo("{\"status\":\"UP\"}");
        assertThat(first.http().as("admin", "wrong").get("/api/v1/regions").status()).isEqualTo(401);
        TestHttp http = first.http().as("admin", password);
        TestHttp.Response registered = http.post("/api/v1/projects", """
                {"name":"%s","investor":"广东肇庆新材料有限公司","regionCode":"441204","industry":"NEW_MATERIALS",
                 "plannedInvestmentYuan":678000000.05,"registeredOn":"2024-03-01"}""".formatted(name));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        String id = Json.of(registered).get("projectId").asString();
        TestHttp.Response signed = http.post("/api/v1/projects/" + id + "/sign", """
                {"signedOn":"2024-04-15"}""");
        assertThat(signed.status()).as(signed.toString()).isEqualTo(200);
        long signedAt = Json.of(signed).get("position").asLong();
        assertThat(Json.of(signed).get("version").asLong()).isEqualTo(2);

        // SIGTERM: the JVM must exit (no non-daemon thread may keep it alive).
        assertThat(first.stop(EXIT_DEADLINE))
                .as("the all-in-one process exits within %s of SIGTERM (%s)", EXIT_DEADLINE, first)
                .isTrue();
        String firstLog = first.log();
        assertThat(firstLog).as("the embedded PostgreSQL reports durable commits")
                .contains("fsync=on")
                .contains("synchronous_commit=on");

        // Second start on the same data folder: everything is still there, and the project moves on.
        RunningJar second = start("all-in-one, restart", target.resolve("it-logs/all-in-one-" + run + "-2.log"),
                dataDir).awaitHealthy();
        assertThat(second.log()).as("the password is shown only at the first start").doesNotContain(password);
        http = second.http().as("admin", password);
        TestHttp.Response detail = http.get("/api/v1/projects/" + id + "?awaitPosition=" + signedAt);
        assertThat(detail.status()).as(detail.toString()).isEqualTo(200);
        assertThat(detail.header("ETag")).hasValue("\"2\"");
        JsonNode project = Json.of(detail);
        assertThat(project.get("name").asString()).isEqualTo(name);
        assertThat(project.get("stage").asString()).isEqualTo("SIGNED");
        assertThat(project.get("signedOn").asString()).isEqualTo("2024-04-15");
        assertThat(project.get("plannedInvestmentYuan").decimalValue()).isEqualTo(new BigDecimal("678000000.05"));
        assertThat(project.get("version").asLong()).isEqualTo(2);

        TestHttp.Response history = http.get("/api/v1/projects/" + id + "/history?awaitPosition=" + signedAt);
        assertThat(history.status()).as(history.toString()).isEqualTo(200);
        List<String> types = new ArrayList<>();
        Json.of(history).forEach(entry -> types.add(entry.get("type").asString()));
        assertThat(types).containsExactly("ProjectRegisteredEvent", "ProjectSignedEvent");

        TestHttp.Response construction = http.post("/api/v1/projects/" + id + "/start-construction", """
                {"startedOn":"2024-05-20"}""");
        assertThat(construction.status()).as(construction.toString()).isEqualTo(200);
        assertThat(Json.of(construction).get("version").asLong()).isEqualTo(3);
        assertThat(Json.of(construction).get("position").asLong()).isGreaterThan(signedAt);

        assertThat(second.stop(EXIT_DEADLINE)).as("the restarted process exits within %s of SIGTERM", EXIT_DEADLINE)
                .isTrue();

        // Last, so that every check above has run whatever happens here: a graceful stop (server.shutdown=graceful)
        // logs no errors. The embedded PostgreSQL must outlive the requests, processors and connection pool that use
        // it; stopped at the moment of SIGTERM, it fails whatever is still in flight.
        assertThat(errorsAfterShutdownBegan(firstLog))
                .as("ERROR lines logged during the graceful stop after SIGTERM (%s)", first.logFile())
                .isEmpty();
    }

    private RunningJar start(String name, Path log, Path dataDir) {
        RunningJar jar = RunningJar.start(name, JAR, log, dataDir,
                "--pipeline.data-dir=" + dataDir, "--pipeline.demo-data=false");
        started.add(jar);
        return jar;
    }

    static List<String> errorsAfterShutdownBegan(String log) {
        List<String> lines = Arrays.asList(log.split("\\R"));
        int shutdown = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("Commencing graceful shutdown")) {
                shutdown = i;
                break;
            }
        }
        return lines.subList(shutdown, lines.size()).stream()
                .filter(line -> line.contains(" ERROR "))
                .toList();
    }
}
