package cn.pipelinetracker.deploy;

import cn.pipelinetracker.platform.test.TestHttp;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The all-in-one jar's {@code backup} while the system runs and {@code restore} into a new data folder (contract: "One
 * machine: backup, restore"): the restored system serves the same projects, history and statistics, its chain
 * verifies; a damaged backup is refused with a clear message and nothing is written.
 */
class BackupRestoreIT {

    private static final Path JAR = Path.of(System.getProperty("pipeline.jar", "target/pipeline-tracker.jar"))
            .toAbsolutePath().normalize();
    static final String[] USERS = {
            "--pipeline.security.users[0].name=clerk", "--pipeline.security.users[0].password={noop}clerk-pw",
            "--pipeline.security.users[0].role=CLERK", "--pipeline.security.users[0].region-code=440000",
            "--pipeline.security.users[1].name=auditor", "--pipeline.security.users[1].password={noop}auditor-pw",
            "--pipeline.security.users[1].role=AUDITOR", "--pipeline.security.users[1].region-code=440000"};

    private final String run = UUID.randomUUID().toString();
    private final Path base = JAR.getParent().resolve("it-data").resolve("backup-" + run);
    private final List<RunningJar> started = new ArrayList<>();

    @AfterEach
    void stopEverythingStarted() {
        started.forEach(RunningJar::close);
    }

    private RunningJar start(Path dataDir, String name) {
        List<String> arguments = new ArrayList<>(List.of("--pipeline.data-dir=" + dataDir,
                "--pipeline.demo-data=false"));
        arguments.addAll(List.of(USERS));
        RunningJar jar = RunningJar.start(name, JAR, JAR.getParent().resolve("it-logs/backup-" + run + "-" + name
                + ".log"), dataDir, arguments.toArray(String[]::new));
        started.add(jar);
        return jar.awaitHealthy();
    }

    /** A Zhaoqing project registered through the API, registered on 2024-01-02. */
    static TestHttp.Response register(TestHttp clerk, String name, long plannedInvestmentYuan) {
        var registered = clerk.post("/api/v1/projects", """
                {"name":"%s","investor":"投资方","regionCode":"441202","industry":"NEW_ENERGY",
                 "plannedInvestmentYuan":%d,"registeredOn":"2024-01-02"}""".formatted(name, plannedInvestmentYuan));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        return registered;
    }

    private static JarConsole console(String... args) throws IOException, InterruptedException {
        return JarConsole.run(JAR, args);
    }

    @Test
    void aBackupTakenWhileTheSystemRunsRestoresIntoASystemThatServesTheSame() throws Exception {
        Path original = base.resolve("original");
        RunningJar system = start(original, "original");
        TestHttp clerk = system.http().as("clerk");
        List<String> projects = new ArrayList<>();
        long position = 0;
        for (int i = 0; i < 12; i++) {
            var registered = register(clerk, "备份项目 " + i, 1000 + i);
            String id = registered.json().get("projectId").asString();
            projects.add(id);
            position = clerk.post("/api/v1/projects/" + id + "/sign", "{\"signedOn\":\"2024-02-0" + (1 + i % 9)
                    + "\"}").json().get("position").asLong();
        }
        String stats = "/api/v1/stats/milestones?milestone=SIGNED&regionCode=441200&from=2024-01-01&to=2024-12-31";
        String before = system.http().as("auditor").get(stats + "&awaitPosition=" + position).json().toString();

        // under load: a clerk keeps registering projects (which change no signing figure) while the backup is taken
        List<String> acknowledgedBeforeBackup = new CopyOnWriteArrayList<>();
        AtomicBoolean backupStarted = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger registeredMeanwhile = new AtomicInteger();
        Thread load = new Thread(() -> {
            for (int i = 0; !stop.get(); i++) {
                String id = register(clerk, "备份期间登记 " + i, 2000 + i).json().get("projectId").asString();
                if (!backupStarted.get()) { // acknowledged before the backup began
                    acknowledgedBeforeBackup.add(id);
                } else {
                    registeredMeanwhile.incrementAndGet();
                }
            }
        });
        load.start();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> acknowledgedBeforeBackup.size() >= 3);
        Path file = base.resolve("pipeline.backup");
        backupStarted.set(true);
        JarConsole backup = console("backup", "--to", file.toString(), "--pipeline.data-dir=" + original);
        stop.set(true);
        load.join();
        assertThat(backup.exit()).as(backup.output()).isZero();
        assertThat(backup.output()).contains("while the system ran");
        assertThat(registeredMeanwhile.get()).as("commands went on during the backup").isPositive();
        system.close();

        Path damaged = base.resolve("damaged.backup");
        Files.copy(file, damaged);
        try (RandomAccessFile bytes = new RandomAccessFile(damaged.toFile(), "rw")) {
            bytes.seek(bytes.length() / 3);
            int b = bytes.read();
            bytes.seek(bytes.length() / 3);
            bytes.write(b ^ 0xFF);
        }
        Path notWritten = base.resolve("from-damaged");
        JarConsole refused = console("restore", "--from", damaged.toString(), "--pipeline.data-dir=" + notWritten);
        assertThat(refused.exit()).as(refused.output()).isNotZero();
        assertThat(refused.output()).contains("nothing was written");
        assertThat(notWritten).doesNotExist();

        Path restored = base.resolve("restored");
        JarConsole restore = console("restore", "--from", file.toString(), "--pipeline.data-dir=" + restored);
        assertThat(restore.exit()).as(restore.output()).isZero();
        assertThat(restore.output()).contains("the chain verifies");

        RunningJar again = start(restored, "restored");
        TestHttp auditor = again.http().as("auditor");
        Awaitility.await("the projections rebuilt from the restored log").atMost(Duration.ofSeconds(60))
                .until(() -> auditor.get(stats).json().toString().equals(before));
        for (String id : projects) {
            assertThat(auditor.get("/api/v1/projects/" + id).json().get("version").asLong()).isEqualTo(2);
            assertThat(auditor.get("/api/v1/projects/" + id + "/history").json()).hasSize(2);
        }
        for (String id : acknowledgedBeforeBackup) {
            assertThat(auditor.get("/api/v1/projects/" + id).status()).as("acknowledged before the backup").isEqualTo(200);
        }
        assertThat(auditor.get("/api/v1/audit/verify").json().get("valid").asBoolean()).isTrue();
        var next = again.http().as("clerk").post("/api/v1/projects/" + projects.get(0) + "/start-construction",
                "{\"startedOn\":\"2024-03-01\"}");
        assertThat(next.status()).as("the restored system takes commands").isEqualTo(200);
    }
}
