package cn.pipelinetracker.deploy.console;

import cn.pipelinetracker.platform.audit.CheckpointSigner;
import cn.pipelinetracker.platform.audit.EventChain;
import cn.pipelinetracker.platform.test.TestHttp;
import cn.pipelinetracker.query.audit.AnchorFile;
import cn.pipelinetracker.query.audit.AuditExport;
import cn.pipelinetracker.query.audit.Checkpoints;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import javax.sql.DataSource;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The contract's "Independent verification (auditors)": the export verified offline with only the public key, by
 * the jar's verifier and by the independent script in docs/; one byte edited, a line deleted, a forged checkpoint,
 * the database edited behind the application's back — each named; a key rotation keeps old exports verifiable; the
 * anchor file catches a checkpoint changed in the database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "pipeline.embedded-database=true",
        "pipeline.data-dir=target/test-data/${random.uuid}",
        "pipeline.audit.anchor-file=target/test-data/anchors/${random.uuid}.ndjson",
        "pipeline.audit.checkpoint-interval=PT1H"})
class AuditExportVerificationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcClient jdbc;
    @LocalServerPort
    int port;
    @Autowired
    Checkpoints checkpoints;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    EventChain chain;
    @Autowired
    AnchorFile anchor;
    @Autowired
    CheckpointSigner signer;

    TestHttp http;
    final Path files = Path.of("target/test-data/exports-" + UUID.randomUUID());

    @BeforeEach
    void signIn() throws IOException {
        http = TestHttp.onPort(port);
        Files.createDirectories(files);
    }

    private String projectWithTwoEvents(String name) {
        var registered = http.post("/api/v1/projects", """
                {"name":"%s","investor":"审计投资有限公司","regionCode":"441202","industry":"NEW_ENERGY",
                 "plannedInvestmentYuan":1000000.50,"registeredOn":"2024-01-05"}""".formatted(name));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        String id = registered.json().get("projectId").asString();
        assertThat(http.post("/api/v1/projects/" + id + "/sign", "{\"signedOn\":\"2024-02-01\"}").status())
                .isEqualTo(200);
        return id;
    }

    private String publicKey() {
        var key = http.as("auditor", "auditor-pw").get("/api/v1/audit/public-key");
        assertThat(key.status()).as(key.toString()).isEqualTo(200);
        assertThat(key.json().get("algorithm").asString()).isEqualTo("Ed25519");
        return key.json().get("publicKey").asString();
    }

    private Path export(String name, String query) throws IOException {
        var response = http.as("auditor", "auditor-pw").get("/api/v1/audit/export" + query);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.header("Content-Type").orElseThrow()).startsWith("application/x-ndjson");
        Path file = files.resolve(name);
        Files.writeString(file, response.body(), StandardCharsets.UTF_8);
        return file;
    }

    private static List<String> lines(Path file) throws IOException {
        return new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    private Path rewritten(Path file, String name, List<String> lines) throws IOException {
        Path changed = files.resolve(name);
        Files.write(changed, lines, StandardCharsets.UTF_8);
        return changed;
    }

    private static int lineOf(List<String> lines, String containing) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(containing)) {
                return i;
            }
        }
        throw new AssertionError("no line contains " + containing);
    }

    private JsonNode verify() {
        return http.get("/api/v1/audit/verify").json();
    }

    @Test
    void anExportVerifiesOfflineAndEveryTamperingIsNamed() throws Exception {
        String first = projectWithTwoEvents("离线核验项目甲");
        String second = projectWithTwoEvents("离线核验项目乙");
        checkpoints.write(Instant.now().plusSeconds(1));
        String key = publicKey();
        String keyId = signer.keyId();
        Path file = export("whole.ndjson", "");
        List<String> lines = lines(file);

        var verified = ExportVerifier.verify(file, List.of(key));
        assertThat(verified.events()).isEqualTo(lines.stream().filter(l -> l.contains("\"kind\":\"event\"")).count());
        assertThat(verified.checkpoints()).isPositive();
        JsonNode event = JSON.readTree(lines.get(lineOf(lines, first)));
        assertThat(event.get("aggregateType").asString()).isEqualTo("PROJECT");
        assertThat(event.get("projectId").asString()).isEqualTo(first);
        assertThat(event.get("scheme").asInt()).isEqualTo(2);
        assertThat(event.get("payload").get("name").asString()).isEqualTo("离线核验项目甲");
        assertThat(event.get("metadata").get("actor").asString()).isEqualTo("test-admin");

        // one byte of a payload edited: that line is named
        int edited = lineOf(lines, "离线核验项目乙");
        List<String> oneByte = new ArrayList<>(lines);
        oneByte.set(edited, oneByte.get(edited).replace("\"2024-01-05\"", "\"2024-01-06\""));
        assertThat(oneByte.get(edited)).isNotEqualTo(lines.get(edited));
        assertThatThrownBy(() -> ExportVerifier.verify(rewritten(file, "byte.ndjson", oneByte), List.of(key)))
                .isInstanceOfSatisfying(ExportVerifier.BadLine.class,
                        bad -> assertThat(bad.line).isEqualTo(edited + 1));

        // the second project's registration deleted: its signing (the next line of that project) is named
        int registration = lineOf(lines, second);
        List<String> deleted = new ArrayList<>(lines);
        deleted.remove(registration);
        int signing = lineOf(deleted, second);
        assertThatThrownBy(() -> ExportVerifier.verify(rewritten(file, "deleted.ndjson", deleted), List.of(key)))
                .isInstanceOfSatisfying(ExportVerifier.BadLine.class,
                        bad -> assertThat(bad.line).isEqualTo(signing + 1));

        // a whole project deleted (both lines): the checkpoint no longer adds up
        List<String> wholeProject = new ArrayList<>(lines);
        wholeProject.removeIf(line -> line.contains(second));
        int checkpointLine = lineOf(wholeProject, "\"kind\":\"checkpoint\"");
        assertThatThrownBy(() -> ExportVerifier.verify(rewritten(file, "project.ndjson", wholeProject),
                List.of(key))).isInstanceOfSatisfying(ExportVerifier.BadLine.class,
                bad -> assertThat(bad.line).isGreaterThanOrEqualTo(checkpointLine + 1));

        // a checkpoint forged without the private key (its own key pair, or a changed count): rejected
        List<String> forged = new ArrayList<>(lines);
        int last = forged.size() - 1;
        while (!forged.get(last).contains(keyId)) {
            last--;
        }
        forged.set(last, forged.get(last).replaceFirst("\"signature\":\"[^\"]+\"",
                "\"signature\":\"" + CheckpointSigner.load(null, files.resolve("forger-key"))
                        .sign(1, 1, "00") + "\""));
        int forgedLine = last;
        assertThatThrownBy(() -> ExportVerifier.verify(rewritten(file, "forged.ndjson", forged), List.of(key)))
                .isInstanceOfSatisfying(ExportVerifier.BadLine.class, bad -> assertThat(bad.line).isEqualTo(forgedLine + 1));
        assertThat(ConsoleCommands.run(new String[]{"verify-export", files.resolve("forged.ndjson").toString(),
                "--public-key", key}, System.out, System.err)).isEqualTo(1);
        assertThat(ConsoleCommands.run(new String[]{"verify-export", file.toString(), "--public-key", key},
                System.out, System.err)).isZero();

        // the database edited behind the application's back: verify and the export both name it
        long position = event.get("position").asLong();
        byte[] original = jdbc.sql("SELECT payload FROM domain_event_entry WHERE global_index = ?").param(position)
                .query(byte[].class).single();
        try {
            jdbc.sql("UPDATE domain_event_entry SET payload = ? WHERE global_index = ?")
                    .params(new String(original, StandardCharsets.UTF_8).replace("离线核验项目甲", "离线核验项目丙")
                            .getBytes(StandardCharsets.UTF_8), position).update();
            assertThat(verify().get("firstInvalidPosition").asLong()).isEqualTo(position);
            Path behindTheBack = export("edited-in-database.ndjson", "");
            int line = lineOf(lines(behindTheBack), "离线核验项目丙");
            assertThatThrownBy(() -> ExportVerifier.verify(behindTheBack, List.of(key)))
                    .isInstanceOfSatisfying(ExportVerifier.BadLine.class,
                            bad -> assertThat(bad.line).isEqualTo(line + 1));
        } finally {
            jdbc.sql("UPDATE domain_event_entry SET payload = ? WHERE global_index = ?").params(original, position)
                    .update();
        }
        assertThat(verify().get("valid").asBoolean()).as(verify().toString()).isTrue();
    }

    @Test
    void eventsAndCheckpointsFromBeforeSchemeTwoAreCheckedOnceAndGivenItBesideTheOldHash() {
        String id = projectWithTwoEvents("旧方案项目");
        checkpoints.write(Instant.now().plusSeconds(1));
        List<String> sealed = schemeTwoHashes(id);
        assertThat(sealed).hasSize(2).doesNotContainNull();
        long registration = jdbc.sql("SELECT min(global_index) FROM event_hash WHERE aggregate_identifier = ?")
                .param(id).query(Long.class).single();

        // as they were before scheme 2: scheme-1 hashes only, checkpoints signed with the HMAC key only
        jdbc.sql("UPDATE event_hash SET public_hash = NULL, sealed_scheme = 1 WHERE aggregate_identifier = ?")
                .param(id).update();
        jdbc.sql("UPDATE audit_checkpoint SET public_chain_hash = NULL").update();
        jdbc.sql("DELETE FROM audit_checkpoint_signature").update();
        assertThat(verify().get("valid").asBoolean()).isFalse();

        // an event edited meanwhile does not verify with the key, so it and its successors get no scheme-2 hash
        byte[] original = jdbc.sql("SELECT payload FROM domain_event_entry WHERE global_index = ?")
                .param(registration).query(byte[].class).single();
        jdbc.sql("UPDATE domain_event_entry SET payload = ? WHERE global_index = ?").params(new String(original,
                StandardCharsets.UTF_8).replace("旧方案项目", "旧方案项日").getBytes(StandardCharsets.UTF_8),
                registration).update();
        assertThat(chain.backfill(dataSource)).isZero();
        assertThat(schemeTwoHashes(id)).containsOnlyNulls();
        jdbc.sql("UPDATE domain_event_entry SET payload = ? WHERE global_index = ?").params(original, registration)
                .update();

        assertThat(chain.backfill(dataSource)).isEqualTo(2);
        assertThat(schemeTwoHashes(id)).isEqualTo(sealed);
        assertThat(jdbc.sql("SELECT DISTINCT sealed_scheme FROM event_hash WHERE aggregate_identifier = ?").param(id)
                .query(Integer.class).list()).containsExactly(1);
        checkpoints.write(Instant.now().plusSeconds(1));
        assertThat(jdbc.sql("SELECT count(*) FROM audit_checkpoint WHERE public_chain_hash IS NULL OR NOT EXISTS "
                + "(SELECT 1 FROM audit_checkpoint_signature s WHERE s.position = audit_checkpoint.position)")
                .query(Long.class).single()).isZero();
        assertThat(verify().get("valid").asBoolean()).as(verify().toString()).isTrue();
    }

    private List<String> schemeTwoHashes(String aggregateId) {
        return jdbc.sql("SELECT public_hash FROM event_hash WHERE aggregate_identifier = ? ORDER BY sequence_number")
                .param(aggregateId).query(String.class).list();
    }

    @Test
    void theIndependentScriptAgrees() throws Exception {
        assumeTrue(onPath("python3"), "python3 is not on the PATH");
        String id = projectWithTwoEvents("脚本核验项目");
        checkpoints.write(Instant.now().plusSeconds(1));
        Path file = export("script.ndjson", "");
        Path key = files.resolve("public-key.txt");
        Files.writeString(key, publicKey());
        assertThat(script(file, key).exit()).as(script(file, key).output()).isZero();
        assertThat(script(file, key).output()).contains("events");

        List<String> lines = lines(file);
        int edited = lineOf(lines, id);
        lines.set(edited, lines.get(edited).replace("脚本核验项目", "脚本核验项日"));
        Script refused = script(rewritten(file, "script-edited.ndjson", lines), key);
        assertThat(refused.exit()).as(refused.output()).isEqualTo(1);
        assertThat(refused.output()).contains("line " + (edited + 1));
    }

    private record Script(int exit, String output) {
    }

    private static Script script(Path file, Path publicKey) throws Exception {
        Process process = new ProcessBuilder("python3", Path.of("..", "docs", "verify_export.py").toString(),
                file.toString(), "--public-key-file", publicKey.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Script(process.exitValue(), output);
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        return path != null && Arrays.stream(path.split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }

    @Test
    void aNewKeySignsWhatTheOldOneSignedAndOldExportsStillVerify() throws Exception {
        projectWithTwoEvents("换钥项目");
        checkpoints.write(Instant.now().plusSeconds(1));
        String oldKey = publicKey();
        Path before = export("before-rotation.ndjson", "");

        CheckpointSigner newSigner = CheckpointSigner.load(null, files.resolve("rotated-key"));
        new Checkpoints(dataSource, transaction, chain, newSigner, anchor, Clock.systemUTC())
                .write(Instant.now().plusSeconds(1));
        Path after = export("after-rotation.ndjson", "");

        assertThat(ExportVerifier.verify(before, List.of(oldKey)).events()).isPositive();
        assertThat(ExportVerifier.verify(after, List.of(newSigner.publicKey())).events()).isPositive();
        // the checkpoint the old key signed carries the new key's signature too
        long signedByBoth = jdbc.sql("""
                SELECT count(*) FROM audit_checkpoint_signature o JOIN audit_checkpoint_signature n
                    ON n.position = o.position AND n.key_id = ? WHERE o.key_id = ?""")
                .params(newSigner.keyId(), signer.keyId()).query(Long.class).single();
        assertThat(signedByBoth).isPositive();
        assertThat(http.get("/api/v1/audit/public-key").json().get("previous").toString())
                .contains(newSigner.keyId());
        assertThat(verify().get("valid").asBoolean()).as(verify().toString()).isTrue();
    }

    @Test
    void aCheckpointChangedInTheDatabaseDiffersFromTheAnchorFile() throws IOException {
        projectWithTwoEvents("锚定项目");
        Long position = checkpoints.write(Instant.now().plusSeconds(1));
        assertThat(position).isNotNull();
        assertThat(anchor.path()).exists();
        String signature = jdbc.sql("SELECT signature FROM audit_checkpoint_signature WHERE position = ? AND key_id = ?")
                .params(position, signer.keyId()).query(String.class).single();
        try {
            jdbc.sql("DELETE FROM audit_checkpoint_signature WHERE position = ?").param(position).update();
            JsonNode verdict = verify();
            assertThat(verdict.get("valid").asBoolean()).as(verdict.toString()).isFalse();
            assertThat(verdict.get("firstInvalidPosition").asLong()).isEqualTo(position);
            assertThat(verdict.get("reason").asString()).isNotBlank();
        } finally {
            jdbc.sql("INSERT INTO audit_checkpoint_signature (position, key_id, signature) VALUES (?, ?, ?)")
                    .params(position, signer.keyId(), signature).update();
        }
        assertThat(verify().get("valid").asBoolean()).as(verify().toString()).isTrue();

        // the anchor file removed: verify says so
        Path aside = anchor.path().resolveSibling(anchor.path().getFileName() + ".aside");
        Files.move(anchor.path(), aside);
        try {
            JsonNode verdict = verify();
            assertThat(verdict.get("valid").asBoolean()).isFalse();
            assertThat(verdict.get("reason").asString()).contains("anchor file").contains("missing");
        } finally {
            Files.move(aside, anchor.path());
        }
        assertThat(verify().get("valid").asBoolean()).as(verify().toString()).isTrue();
    }

    @Test
    void theLogsOptionalFiltersOnlyNarrowIt() {
        String id = projectWithTwoEvents("筛选项目");
        TestHttp auditor = http.as("auditor", "auditor-pw");
        JsonNode all = auditor.get("/api/v1/audit/events?after=0&limit=10000").json();
        JsonNode mine = auditor.get("/api/v1/audit/events?limit=10000&aggregateType=PROJECT&aggregateId=" + id).json();
        assertThat(mine).hasSize(2).allSatisfy(event -> assertThat(event.get("projectId").asString()).isEqualTo(id));
        assertThat(mine.get(0).get("publicHash").asString()).matches("[0-9a-f]{64}");
        assertThat(auditor.get("/api/v1/audit/events?limit=10000&aggregateType=CAMPAIGN&aggregateId=" + id).json())
                .isEmpty();
        JsonNode signed = auditor.get("/api/v1/audit/events?limit=10000&type=ProjectSignedEvent&actor=test-admin"
                + "&recordedFrom=2000-01-01T00:00:00Z&recordedTo=2999-01-01T00:00:00Z").json();
        assertThat(signed).isNotEmpty().allSatisfy(event -> assertThat(event.get("type").asString())
                .isEqualTo("ProjectSignedEvent"));
        assertThat(signed.size()).isLessThan(all.size());
        assertThat(auditor.get("/api/v1/audit/events?recordedFrom=2999-01-01T00:00:00Z").json()).isEmpty();
        assertThat(auditor.get("/api/v1/audit/events?recordedFrom=yesterday").status()).isEqualTo(400);
    }

    @Test
    void theCsvHasOneRowPerEventWithThePayloadAsJsonText() {
        String id = projectWithTwoEvents("表格导出项目");
        var csv = http.as("auditor", "auditor-pw").get("/api/v1/audit/export?format=csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type").orElseThrow()).startsWith("text/csv");
        List<String> rows = csv.body().lines().toList();
        assertThat(rows.get(0)).isEqualTo(String.join(",", AuditExport.CSV_COLUMNS));
        assertThat(rows.stream().filter(row -> row.contains(id))).hasSize(2);
        assertThat(rows.stream().filter(row -> row.contains(id)).findFirst().orElseThrow())
                .contains("\"{\"\"").contains("表格导出项目");
        assertThat(http.as("fs-leader", "fs-leader-pw").get("/api/v1/audit/export").status()).isEqualTo(403);
    }
}
