package cn.pipelinetracker.deploy;

import cn.pipelinetracker.platform.test.TestHttp;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The all-in-one jar killed with SIGKILL while clients send commands, then started again at once on the same data
 * folder: its embedded PostgreSQL must not outlive the JVM (it would hold the folder and block the restart), and
 * every command that was acknowledged must be there exactly once, the tamper-evidence chain intact.
 */
class CrashRestartIT {

    private static final Path JAR = Path.of(System.getProperty("pipeline.jar", "target/pipeline-tracker.jar"))
            .toAbsolutePath().normalize();
    private static final int CLIENTS = 4;
    private static final int ACKNOWLEDGED_BEFORE_THE_KILL = 40;
    private static final String[] USERS = {
            "--pipeline.security.users[0].name=clerk", "--pipeline.security.users[0].password={noop}clerk-pw",
            "--pipeline.security.users[0].role=CLERK", "--pipeline.security.users[0].region-code=440000",
            "--pipeline.security.users[1].name=auditor", "--pipeline.security.users[1].password={noop}auditor-pw",
            "--pipeline.security.users[1].role=AUDITOR", "--pipeline.security.users[1].region-code=440000"};

    /** A command the application answered with success: its effect must survive the crash. */
    private record Acknowledged(String projectId, long version, long position, String type) {
    }

    private final String run = UUID.randomUUID().toString();
    private final Path dataDir = JAR.getParent().resolve("it-data").resolve("crash-" + run);
    private final List<RunningJar> started = new ArrayList<>();

    @AfterEach
    void stopEverythingStarted() {
        // the latest first: an earlier, killed jar's clean-up would otherwise find the later one's PostgreSQL
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
    }

    @Test
    void aKillMidCommandsNeitherBlocksTheRestartNorLosesOrRepeatsAnAcknowledgedCommand() throws Exception {
        RunningJar first = start(1).awaitHealthy();
        long postmaster = postmasterPid();
        Queue<Acknowledged> acknowledged = new ConcurrentLinkedQueue<>();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> running = new ArrayList<>();
        for (int client = 0; client < CLIENTS; client++) {
            running.add(clients.submit(() -> sendUntilTheServerIsGone(first.http().as("clerk"), acknowledged)));
        }
        Awaitility.await("commands acknowledged before the kill").atMost(Duration.ofSeconds(60))
                .failFast("a client stopped early", () -> running.stream().anyMatch(Future::isDone))
                .until(() -> acknowledged.size() >= ACKNOWLEDGED_BEFORE_THE_KILL);

        first.process().destroyForcibly();
        long killedAt = System.nanoTime();
        assertThat(first.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
        for (Future<?> client : running) {
            client.get(40, TimeUnit.SECONDS);
        }
        clients.shutdown();

        Awaitility.await("the killed JVM's PostgreSQL (pid " + postmaster + ") gone").atMost(Duration.ofSeconds(5))
                .until(() -> ProcessHandle.of(postmaster).map(p -> !p.isAlive()).orElse(true));
        RunningJar second = start(2);
        assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).as("restarted within 5 s of the kill")
                .isLessThan(Duration.ofSeconds(5));
        second.awaitHealthy();

        TestHttp auditor = second.http().as("auditor");
        List<JsonNode> log = auditEvents(auditor);
        Map<String, Integer> eventsPerVersion = new HashMap<>();
        Map<Long, JsonNode> byPosition = new HashMap<>();
        for (JsonNode event : log) {
            eventsPerVersion.merge(event.get("projectId").asString() + "@" + event.get("version").asLong(), 1,
                    Integer::sum);
            byPosition.put(event.get("position").asLong(), event);
        }
        assertThat(eventsPerVersion).as("no project version recorded twice").allSatisfy((version, count) ->
                assertThat(count).as(version).isEqualTo(1));
        assertThat(acknowledged).as("every acknowledged command recorded once, where it was acknowledged")
                .allSatisfy(command -> {
                    JsonNode event = byPosition.get(command.position());
                    assertThat(event).as(command.toString()).isNotNull();
                    assertThat(event.get("projectId").asString()).isEqualTo(command.projectId());
                    assertThat(event.get("version").asLong()).isEqualTo(command.version());
                    assertThat(event.get("type").asString()).isEqualTo(command.type());
                });
        long lastAcknowledged = acknowledged.stream().mapToLong(Acknowledged::position).max().orElseThrow();
        acknowledged.stream().filter(command -> command.version() == 1).forEach(registration -> {
            TestHttp.Response project = auditor.get("/api/v1/projects/" + registration.projectId()
                    + "?awaitPosition=" + lastAcknowledged);
            assertThat(project.status()).as(project.toString()).isEqualTo(200);
        });

        TestHttp.Response verify = auditor.get("/api/v1/audit/verify");
        assertThat(verify.status()).as(verify.toString()).isEqualTo(200);
        assertThat(Json.of(verify).get("valid").asBoolean()).as(verify.toString()).isTrue();
        assertThat(Json.of(verify).get("events").asLong()).isEqualTo(log.size());

        // and after the restart, the project moves on
        Acknowledged registration = acknowledged.stream().filter(command -> command.version() == 1).findFirst()
                .orElseThrow();
        TestHttp.Response revised = second.http().as("clerk").post("/api/v1/projects/" + registration.projectId()
                + "/revise-investment", """
                {"plannedInvestmentYuan":60000000,"reason":"二期用地追加"}""");
        assertThat(revised.status()).as(revised.toString()).isEqualTo(200);
    }

    @Test
    void theEmbeddedDatabaseRefusesConnectionsWithoutThePasswordKeptForItsOwnerOnly() throws IOException {
        RunningJar jar = start(1).awaitHealthy();

        Path passwordFile = dataDir.resolve("database-password");
        assertThat(Files.getPosixFilePermissions(passwordFile)).containsExactlyInAnyOrder(
                PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        Matcher ready = Pattern.compile("Embedded PostgreSQL \\S+ ready on port (\\d+)").matcher(jar.log());
        assertThat(ready.find()).as("the start-up log names the port").isTrue();
        String url = "jdbc:postgresql://localhost:" + ready.group(1) + "/postgres";
        assertThatThrownBy(() -> DriverManager.getConnection(url + "?user=postgres").close())
                .isInstanceOf(SQLException.class).hasMessageContaining("password");
        String password = Files.readString(passwordFile).strip();
        try (var connection = DriverManager.getConnection(url, "postgres", password)) {
            assertThat(connection.isValid(5)).isTrue();
        } catch (SQLException e) {
            throw new AssertionError("the kept password opens the database", e);
        }
    }

    /** Registers and signs projects until the connection fails (the kill), keeping every acknowledged answer. */
    private static void sendUntilTheServerIsGone(TestHttp clerk, Queue<Acknowledged> acknowledged) {
        try {
            while (true) {
                TestHttp.Response registered = clerk.post("/api/v1/projects", """
                        {"name":"高要区崩溃恢复测试项目","investor":"肇庆恢复科技有限公司","regionCode":"441204",
                         "industry":"NEW_MATERIALS","plannedInvestmentYuan":50000000,"registeredOn":"2024-03-01"}""");
                assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
                Acknowledged registration = acknowledged(registered, Json.of(registered).get("projectId").asString(),
                        "ProjectRegisteredEvent");
                acknowledged.add(registration);
                TestHttp.Response signed = clerk.post("/api/v1/projects/" + registration.projectId() + "/sign", """
                        {"signedOn":"2024-04-15"}""");
                assertThat(signed.status()).as(signed.toString()).isEqualTo(200);
                acknowledged.add(acknowledged(signed, registration.projectId(), "ProjectSignedEvent"));
            }
        } catch (UncheckedIOException serverGone) {
            // the JVM was killed: whatever was in flight was not acknowledged
        }
    }

    private static Acknowledged acknowledged(TestHttp.Response response, String projectId, String type) {
        JsonNode body = Json.of(response);
        return new Acknowledged(projectId, body.get("version").asLong(), body.get("position").asLong(), type);
    }

    private static List<JsonNode> auditEvents(TestHttp auditor) {
        List<JsonNode> events = new ArrayList<>();
        long after = 0;
        while (true) {
            TestHttp.Response page = auditor.get("/api/v1/audit/events?after=" + after + "&limit=1000");
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            JsonNode batch = Json.of(page);
            if (batch.isEmpty()) {
                return events;
            }
            batch.forEach(events::add);
            after = batch.get(batch.size() - 1).get("position").asLong();
        }
    }

    private long postmasterPid() throws IOException {
        return Long.parseLong(Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid")).get(0)
                .strip());
    }

    private RunningJar start(int number) {
        List<String> arguments = new ArrayList<>(List.of("--pipeline.data-dir=" + dataDir,
                "--pipeline.demo-data=false"));
        arguments.addAll(List.of(USERS));
        RunningJar jar = RunningJar.start("all-in-one, start " + number, JAR,
                JAR.getParent().resolve("it-logs/crash-restart-" + run + "-" + number + ".log"), dataDir,
                arguments.toArray(String[]::new));
        started.add(jar);
        return jar;
    }
}
