package cn.pipelinetracker.deploy;

import cn.pipelinetracker.platform.test.TestHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The all-in-one jar's way back in (contract: "One machine: backup, restore, a way back in"):
 * {@code reset-admin-password} refuses while the system runs on the folder; with it stopped it prints a one-time
 * password for {@code admin} (created as an account, ADMIN of the root region), recorded as account events by
 * {@code local-console}; the generated admin stops signing in from then on.
 */
class AdminPasswordResetIT {

    private static final Path JAR = Path.of(System.getProperty("pipeline.jar", "target/pipeline-tracker.jar"))
            .toAbsolutePath().normalize();
    private static final Pattern ONE_TIME = Pattern.compile("\\n {4}(\\S+)\\n");

    private final String run = UUID.randomUUID().toString();
    private final Path dataDir = JAR.getParent().resolve("it-data").resolve("reset-" + run);
    private final List<RunningJar> started = new ArrayList<>();

    @AfterEach
    void stopEverythingStarted() {
        started.forEach(RunningJar::close);
    }

    private RunningJar start(String name) {
        RunningJar jar = RunningJar.start(name, JAR, JAR.getParent().resolve("it-logs/reset-" + run + "-" + name
                + ".log"), dataDir, "--pipeline.data-dir=" + dataDir, "--pipeline.demo-data=false");
        started.add(jar);
        return jar.awaitHealthy();
    }

    private static JarConsole console(String... args) throws IOException, InterruptedException {
        return JarConsole.run(JAR, args);
    }

    @Test
    void theResetRefusesARunningSystemThenGivesAdminAOneTimePasswordRecordedByTheLocalConsole() throws Exception {
        RunningJar first = start("first");
        String generated = Files.readString(dataDir.resolve("initial-admin-password")).strip();
        assertThat(first.http().as("admin", generated).get("/api/v1/admin/users").status()).isEqualTo(200);

        JarConsole refused = console("reset-admin-password", "--pipeline.data-dir=" + dataDir);
        assertThat(refused.exit()).as(refused.output()).isNotZero();
        assertThat(refused.output()).contains("is running on", "stop it first", "nothing was changed");
        assertThat(first.http().as("admin", generated).get("/api/v1/admin/users").status())
                .as("the running system is untouched").isEqualTo(200);
        first.close();

        JarConsole reset = console("reset-admin-password", "--pipeline.data-dir=" + dataDir);
        assertThat(reset.exit()).as(reset.output()).isZero();
        assertThat(reset.output()).contains("one-time password", "local-console");
        Matcher printed = ONE_TIME.matcher(reset.output());
        assertThat(printed.find()).as(reset.output()).isTrue();
        String oneTime = printed.group(1);

        TestHttp http = start("after-reset").http();
        assertThat(http.as("admin", generated).get("/api/v1/admin/users").status())
                .as("the generated admin retired: an ADMIN account of the root region exists").isEqualTo(401);
        var beforeChange = http.as("admin", oneTime).get("/api/v1/admin/users");
        assertThat(beforeChange.status()).isEqualTo(403);
        assertThat(beforeChange.body()).contains("password-change-required");
        assertThat(http.as("admin", oneTime).post("/api/v1/me/password", """
                {"currentPassword":"%s","newPassword":"bureau-chief-2026"}""".formatted(oneTime)).status())
                .isEqualTo(200);
        TestHttp admin = http.as("admin", "bureau-chief-2026");
        JsonNode users = Json.of(admin.get("/api/v1/admin/users"));
        assertThat(users).hasSize(1);
        assertThat(users.get(0).path("source").asString()).isEqualTo("DATABASE");
        assertThat(users.get(0).path("role").asString()).isEqualTo("ADMIN");
        assertThat(users.get(0).path("regionCode").asString()).isEqualTo("440000");

        List<String> history = new ArrayList<>();
        Json.of(admin.get("/api/v1/audit/events?after=0")).forEach(event -> {
            assertThat(event.path("aggregateType").asString()).isEqualTo("ACCOUNT");
            String type = event.path("type").asString();
            history.add(type.substring(type.lastIndexOf('.') + 1) + " by " + event.path("actor").asString());
        });
        assertThat(history).containsExactly("AccountCreatedEvent by local-console",
                "AccountPasswordResetEvent by local-console", "AccountPasswordChangedEvent by admin");
        assertThat(admin.get("/api/v1/audit/verify").json().path("valid").asBoolean()).isTrue();
    }
}
