package cn.pipelinetracker.deploy;

import cn.pipelinetracker.platform.test.TestHttp;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract's "Independent verification (auditors)" through the all-in-one jar: the public key printed at
 * start-up and served, the export taken from the running system, and {@code verify-export} run as its own process
 * with no database and no network — exit 0 for the file as exported, exit 1 naming the line when one byte is changed.
 */
class VerifyExportIT {

    private static final Path JAR = Path.of(System.getProperty("pipeline.jar", "target/pipeline-tracker.jar"))
            .toAbsolutePath().normalize();

    private final String run = UUID.randomUUID().toString();
    private final Path base = JAR.getParent().resolve("it-data").resolve("verify-export-" + run);
    private RunningJar system;

    @AfterEach
    void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void anExportFromTheRunningSystemVerifiesOfflineAndAChangedLineIsNamed() throws Exception {
        Path dataDir = base.resolve("data");
        List<String> arguments = new ArrayList<>(List.of("--pipeline.data-dir=" + dataDir,
                "--pipeline.demo-data=false", "--pipeline.audit.checkpoint-interval=PT2S"));
        arguments.addAll(List.of(BackupRestoreIT.USERS));
        system = RunningJar.start("verify-export", JAR, JAR.getParent().resolve("it-logs/verify-export-" + run
                + ".log"), dataDir, arguments.toArray(String[]::new)).awaitHealthy();
        TestHttp clerk = system.http().as("clerk", "clerk-pw");
        long position = 0;
        for (int i = 0; i < 3; i++) {
            position = BackupRestoreIT.register(clerk, "核验项目 " + i, 1000 + i).json().get("position").asLong();
        }
        TestHttp auditor = system.http().as("auditor", "auditor-pw");
        String key = auditor.get("/api/v1/audit/public-key").json().get("publicKey").asString();
        assertThat(system.log()).as("the public key is printed at start-up").contains(key);

        // checkpoints cover events once they have settled (a minute): wait for one covering the last registration
        long last = position;
        String[] export = {null};
        Awaitility.await("a checkpoint covering position " + last).atMost(Duration.ofSeconds(150))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> {
                    export[0] = auditor.get("/api/v1/audit/export").body();
                    return export[0].lines().anyMatch(line -> line.contains("\"kind\":\"checkpoint\"")
                            && Long.parseLong(line.replaceAll(".*\"position\":(\\d+).*", "$1")) >= last);
                });
        Path file = base.resolve("audit-log.ndjson");
        Files.writeString(file, export[0], StandardCharsets.UTF_8);
        system.close();
        system = null;

        var verified = JarConsole.run(JAR, "verify-export", file.toString(), "--public-key", key);
        assertThat(verified.exit()).as(verified.output()).isZero();
        assertThat(verified.output()).contains("3 events").contains("checkpoints verified");

        List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        int changed = 1;
        lines.set(changed, lines.get(changed).replace("\"2024-01-02\"", "\"2024-01-03\""));
        assertThat(lines.get(changed)).contains("2024-01-03");
        Path tampered = base.resolve("tampered.ndjson");
        Files.write(tampered, lines, StandardCharsets.UTF_8);
        var refused = JarConsole.run(JAR, "verify-export", tampered.toString(), "--public-key", key);
        assertThat(refused.exit()).as(refused.output()).isEqualTo(1);
        assertThat(refused.output()).contains("line " + (changed + 1));
    }
}
