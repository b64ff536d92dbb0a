package cn.pipelinetracker.deploy;

import cn.pipelinetracker.deploy.console.Restore;
import cn.pipelinetracker.platform.test.PipelineIntegrationTest;
import cn.pipelinetracker.platform.test.TestHttp;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Backups the running system takes on its schedule (every two seconds here), each one a file that restores, the
 * newest {@code keep} kept; the last result for administrators and in the metrics.
 */
@PipelineIntegrationTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ScheduledBackupTest {

    private static final Path FOLDER = Path.of("target", "test-backups-" + ProcessHandle.current().pid());

    @DynamicPropertySource
    static void backups(DynamicPropertyRegistry registry) {
        registry.add("pipeline.backup.folder", () -> FOLDER.toAbsolutePath().toString());
        registry.add("pipeline.backup.schedule", () -> "*/2 * * * * *");
        registry.add("pipeline.backup.keep", () -> "2");
    }

    @LocalServerPort
    int port;

    private static List<String> files() throws IOException {
        try (Stream<Path> entries = Files.list(FOLDER)) {
            return entries.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".zip")).sorted()
                    .toList();
        }
    }

    @Test
    void theScheduleWritesBackupsThatRestoreAndKeepsTheNewest() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.isDirectory(FOLDER) && !files().isEmpty());
        Path first = FOLDER.resolve(files().get(0));
        assertThat(Restore.check(first).tables()).extracting(table -> table.name())
                .contains("domain_event_entry", "event_hash", "audit_checkpoint");

        List<String> old = List.of("pipeline-backup-20000101-000000.zip", "pipeline-backup-20000102-000000.zip",
                "pipeline-backup-20000103-000000.zip");
        for (String name : old) {
            Files.writeString(FOLDER.resolve(name), "an old backup");
        }
        TestHttp admin = TestHttp.onPort(port);
        TestHttp.Response taken = admin.post("/api/v1/admin/backups", "");
        // a scheduled run may hold the lock at this very moment: then the next one prunes
        assertThat(taken.status()).as(taken.body()).isIn(200, 409);
        await().atMost(Duration.ofSeconds(30)).until(() -> files().stream().noneMatch(old::contains));
        assertThat(files()).hasSizeLessThanOrEqualTo(2).allMatch(name -> name.startsWith("pipeline-backup-2"));

        JsonNode status = admin.get("/api/v1/admin/backups").json();
        assertThat(status.get("scheduled").asBoolean()).isTrue();
        assertThat(status.get("keep").asInt()).isEqualTo(2);
        assertThat(status.get("last").get("outcome").asString()).isIn("OK", "SKIPPED");
        assertThat(status.get("files").get(0).get("bytes").asLong()).isPositive();

        assertThat(admin.as("zq-clerk").post("/api/v1/admin/backups", "").status()).isEqualTo(403);
        assertThat(admin.as("auditor").get("/api/v1/admin/backups").status()).isEqualTo(200);
        String metrics = admin.get("/actuator/prometheus").body();
        assertThat(metrics).contains("pipeline_backup_runs_total{outcome=\"ok\"}")
                .containsPattern("pipeline_backup_last_success_seconds \\d\\.\\d+E9");
    }
}
