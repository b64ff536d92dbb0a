package cn.pipelinetracker.query.campaign;

import cn.pipelinetracker.platform.database.SchemaMigration;
import cn.pipelinetracker.platform.test.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code V11__campaigns_as_of.sql} on a database whose campaigns were projected before it: the recorded times come
 * back from the log, a withdrawn enrolment comes back as a closed one, and events the projection had not applied yet
 * are left to it.
 */
class CampaignsAsOfMigrationTest {

    private static final String CAMPAIGN = "8a2e4c61-5b7d-4f90-a1c3-2d6e8f0b9a17";
    private static final String A = "7d0c6d8e-4b8a-4a36-9d1e-0a4f3c2b1a01";
    private static final String B = "7d0c6d8e-4b8a-4a36-9d1e-0a4f3c2b1a02";
    private static final SchemaMigration QUERY_SIDE = new SchemaMigration("query-side", 1);

    @Test
    void campaignsProjectedBeforeGetTheirRecordedTimesAndTheirWithdrawnEnrolmentsBack() {
        DataSource dataSource = TestDatabase.withSchemas("event-store");
        migrate(dataSource, "9");
        JdbcClient jdbc = JdbcClient.create(dataSource);
        event(jdbc, 0, "CampaignCreatedEvent", "{\"campaignId\":\"" + CAMPAIGN + "\"}");
        event(jdbc, 1, "CampaignProjectEnrolledEvent", enrolment(A, "SIGNING"));
        event(jdbc, 2, "CampaignProjectEnrolledEvent", enrolment(B, "CONSTRUCTION_START"));
        event(jdbc, 3, "CampaignProjectWithdrawnEvent", enrolment(A, "SIGNING"));
        event(jdbc, 4, "CampaignProjectEnrolledEvent", enrolment(A, "PRODUCTION_START"));
        // as the projection left it before V11, having applied versions 1 to 4 (the last enrolment not yet)
        jdbc.sql("""
                INSERT INTO campaign_view (campaign_id, name, region_code, held_on, status, created_position, version)
                VALUES (?, '活动', '441200', DATE '2023-02-10', 'PLANNED', 1, 4)""").param(CAMPAIGN).update();
        jdbc.sql("INSERT INTO campaign_project (campaign_id, project_id, bucket) VALUES (?, ?, 'CONSTRUCTION_START')")
                .params(CAMPAIGN, B).update();

        migrate(dataSource, "latest");

        assertThat(jdbc.sql("SELECT created_at FROM campaign_view").query(OffsetDateTime.class).single().toInstant())
                .isEqualTo(recordedAt(0));
        assertThat(jdbc.sql("""
                        SELECT project_id, bucket, enrolled_version, enrolled_at, withdrawn_at FROM campaign_project
                        ORDER BY enrolled_version""")
                .query((rs, n) -> Map.of("project", rs.getString(1), "bucket", rs.getString(2),
                        "version", rs.getLong(3), "enrolledAt", rs.getObject(4, OffsetDateTime.class).toInstant(),
                        "withdrawnAt", rs.getObject(5) == null ? "open"
                                : rs.getObject(5, OffsetDateTime.class).toInstant()))
                .list())
                .containsExactly(
                        Map.of("project", A, "bucket", "SIGNING", "version", 2L, "enrolledAt", recordedAt(1),
                                "withdrawnAt", recordedAt(3)),
                        Map.of("project", B, "bucket", "CONSTRUCTION_START", "version", 3L,
                                "enrolledAt", recordedAt(2), "withdrawnAt", "open"));
    }

    private static void migrate(DataSource dataSource, String target) {
        Flyway.configure().dataSource(dataSource).locations(QUERY_SIDE.location()).table(QUERY_SIDE.historyTable())
                .baselineOnMigrate(true).baselineVersion("0").target(target).load().migrate();
    }

    private static Instant recordedAt(long sequence) {
        return Instant.parse("2023-02-01T02:00:00.123456Z").plusSeconds(sequence);
    }

    private static String enrolment(String project, String bucket) {
        return "{\"campaignId\":\"" + CAMPAIGN + "\",\"projectId\":\"" + project + "\",\"bucket\":\"" + bucket + "\"}";
    }

    private static void event(JdbcClient jdbc, long sequence, String type, String payload) {
        jdbc.sql("""
                        INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                            time_stamp, payload_type, payload_revision, payload)
                        VALUES (?, ?, ?, 'Campaign', ?, ?, '1', ?)""")
                .params(UUID.randomUUID().toString(), CAMPAIGN, sequence, recordedAt(sequence).toString(),
                        "cn.pipelinetracker.events." + type, payload.getBytes(StandardCharsets.UTF_8))
                .update();
    }
}
