package cn.pipelinetracker.deploy;

import cn.pipelinetracker.platform.test.TestHttp;
import cn.pipelinetracker.query.audit.Checkpoints;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tampering behind the application's back, with plain SQL, is detected by {@code GET /api/v1/audit/verify}, which
 * names the first invalid position. Each test restores what it tampered with, so the log is valid again after it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "pipeline.embedded-database=true",
        "pipeline.data-dir=target/test-data/${random.uuid}",
        "pipeline.audit.checkpoint-interval=PT1H"})
class TamperEvidenceTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Checkpoints checkpoints;

    TestHttp http;

    @BeforeEach
    void validToBeginWith() {
        http = TestHttp.onPort(port);
        assertThat(verify().get("valid").asBoolean()).as(verify().toString()).isTrue();
    }

    /** A project with three events; returns their positions. */
    private List<Long> projectWithThreeEvents() {
        List<Long> positions = new ArrayList<>();
        var registered = http.post("/api/v1/projects", """
                {"name":"审计测试项目","investor":"审计投资有限公司","regionCode":"441202","industry":"NEW_ENERGY",
                 "plannedInvestmentYuan":1000000,"registeredOn":"2024-01-05"}""");
        assertThat(registered.status()).isEqualTo(201);
        String id = registered.json().get("projectId").asString();
        positions.add(registered.json().get("position").asLong());
        positions.add(http.post("/api/v1/projects/" + id + "/sign", "{\"signedOn\":\"2024-02-01\"}")
                .json().get("position").asLong());
        positions.add(http.post("/api/v1/projects/" + id + "/start-construction", "{\"startedOn\":\"2024-03-01\"}")
                .json().get("position").asLong());
        return positions;
    }

    private JsonNode verify() {
        var response = http.get("/api/v1/audit/verify");
        assertThat(response.status()).isEqualTo(200);
        return response.json();
    }

    private void assertInvalidAt(long position) {
        JsonNode verdict = verify();
        assertThat(verdict.get("valid").asBoolean()).as(verdict.toString()).isFalse();
        assertThat(verdict.get("firstInvalidPosition").asLong()).as(verdict.toString()).isEqualTo(position);
    }

    private void sql(String statement, Object... params) {
        jdbc.sql(statement).params(params).update();
    }

    @Test
    void anEditedPayloadIsDetected() {
        long signed = projectWithThreeEvents().get(1);
        byte[] original = jdbc.sql("SELECT payload FROM domain_event_entry WHERE global_index = ?").param(signed)
                .query(byte[].class).single();
        sql("UPDATE domain_event_entry SET payload = convert_to(replace(convert_from(payload, 'UTF8'), '2024-02-01', "
                + "'2024-01-31'), 'UTF8') WHERE global_index = ?", signed);
        try {
            assertInvalidAt(signed);
        } finally {
            sql("UPDATE domain_event_entry SET payload = ? WHERE global_index = ?", original, signed);
        }
        assertThat(verify().get("valid").asBoolean()).isTrue();
    }

    @Test
    void editedMetadataIsDetected() {
        long registered = projectWithThreeEvents().get(0);
        byte[] original = jdbc.sql("SELECT meta_data FROM domain_event_entry WHERE global_index = ?")
                .param(registered).query(byte[].class).single();
        sql("UPDATE domain_event_entry SET meta_data = convert_to(replace(convert_from(meta_data, 'UTF8'), "
                + "'test-admin', 'someone-else'), 'UTF8') WHERE global_index = ?", registered);
        try {
            assertInvalidAt(registered);
        } finally {
            sql("UPDATE domain_event_entry SET meta_data = ? WHERE global_index = ?", original, registered);
        }
    }

    @Test
    void anEventDeletedFromTheMiddleOfAStreamIsDetected() {
        long middle = projectWithThreeEvents().get(1);
        whileDeletedByHand("global_index = ?", middle, false, () -> assertInvalidAt(middle));
    }

    @Test
    void aMiddleEventDeletedWithItsHashIsDetected() {
        List<Long> positions = projectWithThreeEvents();
        whileDeletedByHand("global_index = ?", positions.get(1), true, () -> assertInvalidAt(positions.get(2)));
    }

    @Test
    void aWholeProjectDeletedWithItsHashesIsDetectedByTheSignedCheckpoint() {
        List<Long> positions = projectWithThreeEvents();
        projectWithThreeEvents();
        Long checkpoint = checkpoints.write(Instant.now().plusSeconds(1));
        assertThat(checkpoint).isNotNull().isGreaterThanOrEqualTo(positions.get(2));
        long lastGoodBefore = jdbc.sql("SELECT COALESCE(max(position), 0) FROM audit_checkpoint WHERE position < ?")
                .param(checkpoint).query(Long.class).single();
        String project = jdbc.sql("SELECT aggregate_identifier FROM domain_event_entry WHERE global_index = ?")
                .param(positions.get(0)).query(String.class).single();
        whileDeletedByHand("aggregate_identifier = ?", project, true, () -> {
            JsonNode verdict = verify();
            assertThat(verdict.get("valid").asBoolean()).isFalse();
            assertThat(verdict.get("firstInvalidPosition").asLong())
                    .isGreaterThan(lastGoodBefore).isLessThanOrEqualTo(positions.get(0));
        });
    }

    /**
     * Deletes the events matching {@code where} (and their hashes, when asked) by hand, outside the application,
     * runs the check, then puts every row back so that the other tests see a valid log.
     */
    private void whileDeletedByHand(String where, Object value, boolean withHashes, Runnable check) {
        sql("CREATE TABLE tamper_backup AS SELECT * FROM domain_event_entry WHERE " + where, value);
        sql("CREATE TABLE tamper_hash_backup AS SELECT * FROM event_hash WHERE " + where + " AND ?", value, withHashes);
        sql("DELETE FROM event_hash WHERE global_index IN (SELECT global_index FROM tamper_hash_backup)");
        sql("DELETE FROM domain_event_entry WHERE " + where, value);
        try {
            check.run();
        } finally {
            sql("INSERT INTO domain_event_entry SELECT * FROM tamper_backup");
            sql("INSERT INTO event_hash SELECT * FROM tamper_hash_backup");
            sql("DROP TABLE tamper_backup");
            sql("DROP TABLE tamper_hash_backup");
        }
    }

    @Test
    void reorderedEventsAreDetected() {
        List<Long> positions = projectWithThreeEvents();
        long first = positions.get(1);
        long second = positions.get(2);
        // swap the two events' places in the log (their hashes stay where they were)
        sql("UPDATE domain_event_entry SET global_index = -1 WHERE global_index = ?", first);
        sql("UPDATE domain_event_entry SET global_index = ? WHERE global_index = ?", first, second);
        sql("UPDATE domain_event_entry SET global_index = ? WHERE global_index = -1", second);
        try {
            assertInvalidAt(first);
        } finally {
            sql("UPDATE domain_event_entry SET global_index = -1 WHERE global_index = ?", second);
            sql("UPDATE domain_event_entry SET global_index = ? WHERE global_index = ?", second, first);
            sql("UPDATE domain_event_entry SET global_index = ? WHERE global_index = -1", first);
        }
    }

    @Test
    void theGlobalLogListsEventsInPositionOrderWithActorAndHash() {
        List<Long> positions = projectWithThreeEvents();
        var response = http.get("/api/v1/audit/events?after=" + (positions.get(0) - 1) + "&limit=3");
        assertThat(response.status()).isEqualTo(200);
        JsonNode events = response.json();
        assertThat(events).hasSize(3);
        for (int i = 0; i < 3; i++) {
            JsonNode event = events.get(i);
            assertThat(event.get("position").asLong()).isEqualTo(positions.get(i));
            assertThat(event.get("version").asLong()).isEqualTo(i + 1);
            assertThat(event.get("aggregateType").asString()).isEqualTo("PROJECT");
            assertThat(event.get("aggregateId").asString()).isEqualTo(event.get("projectId").asString());
            assertThat(event.get("actor").asString()).isEqualTo("test-admin");
            assertThat(event.get("hash").asString()).hasSize(64);
            assertThat(event.get("recordedAt").asString()).endsWith("Z");
        }
        assertThat(events.get(0).get("type").asString()).isEqualTo("ProjectRegisteredEvent");
        assertThat(events.get(0).get("data").get("name").asString()).isEqualTo("审计测试项目");
        assertThat(events.get(1).get("data").get("signedOn").asString()).isEqualTo("2024-02-01");
        assertThat(http.get("/api/v1/audit/events?after=0&limit=10001").status()).isEqualTo(400);
        assertThat(http.get("/api/v1/audit/events?after=" + positions.get(2) + "&limit=10").json()).isEmpty();
    }
}
