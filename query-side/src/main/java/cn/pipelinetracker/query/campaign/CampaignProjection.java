package cn.pipelinetracker.query.campaign;

import cn.pipelinetracker.events.CampaignCreatedEvent;
import cn.pipelinetracker.events.CampaignHeldEvent;
import cn.pipelinetracker.events.CampaignProjectEnrolledEvent;
import cn.pipelinetracker.events.CampaignProjectWithdrawnEvent;
import cn.pipelinetracker.events.EventJson;
import cn.pipelinetracker.query.ProjectionWriter;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Keeps {@code campaign_view} and {@code campaign_project}: each campaign with its enrolled projects and, once held,
 * what it announced, each with the time it was recorded (a withdrawal closes the enrolment rather than deleting it), so
 * that the campaign can be answered as known at an earlier instant. Each change applies only while the campaign's row
 * has not reached the event's version, so an event seen twice changes nothing the second time.
 */
@Component
@ProcessingGroup(CampaignProjection.PROCESSING_GROUP)
public class CampaignProjection {

    public static final String PROCESSING_GROUP = "campaigns";
    private static final JsonMapper JSON = EventJson.mapper();
    /** Moves the campaign's row to the event's version, yielding the campaign when it had not reached it. */
    private static final String NEXT_VERSION = """
            WITH next AS (UPDATE campaign_view SET version = :version
                          WHERE campaign_id = :id AND version < :version RETURNING campaign_id)
            """;

    private final ProjectionWriter writes;

    public CampaignProjection(ProjectionWriter writes) {
        this.writes = writes;
    }

    @EventHandler
    void on(CampaignCreatedEvent event, TrackingToken token, @Timestamp Instant recordedAt) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", event.campaignId());
        row.put("name", event.name());
        row.put("region", event.regionCode().value());
        row.put("heldOn", event.heldOn());
        row.put("position", token.position().orElseThrow());
        row.put("at", java.sql.Timestamp.from(recordedAt));
        writes.write(event.campaignId(), """
                INSERT INTO campaign_view (campaign_id, name, region_code, held_on, status, created_position, version,
                    created_at)
                VALUES (:id, :name, :region, :heldOn, 'PLANNED', :position, 1, :at)
                ON CONFLICT (campaign_id) DO NOTHING""", row);
    }

    @EventHandler
    void on(CampaignProjectEnrolledEvent event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        writes.write(event.campaignId(), NEXT_VERSION + """
                INSERT INTO campaign_project (campaign_id, project_id, bucket, enrolled_version, enrolled_at)
                SELECT campaign_id, :project, :bucket, :version, :at FROM next""",
                params(event.campaignId(), sequence, recordedAt, Map.of("project", event.projectId(),
                        "bucket", event.bucket().name())));
    }

    @EventHandler
    void on(CampaignProjectWithdrawnEvent event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        writes.write(event.campaignId(), NEXT_VERSION + """
                UPDATE campaign_project SET withdrawn_at = :at
                WHERE campaign_id IN (SELECT campaign_id FROM next) AND project_id = :project
                  AND withdrawn_at IS NULL""",
                params(event.campaignId(), sequence, recordedAt, Map.of("project", event.projectId())));
    }

    @EventHandler
    void on(CampaignHeldEvent event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        writes.write(event.campaignId(), """
                UPDATE campaign_view SET status = 'HELD', held_on = :heldOn, announced = CAST(:announced AS JSONB),
                    held_at = :at, version = :version
                WHERE campaign_id = :id AND version < :version""",
                params(event.campaignId(), sequence, recordedAt, Map.of("heldOn", event.heldOn(),
                        "announced", JSON.writeValueAsString(event.announced()))));
    }

    private static Map<String, Object> params(String campaignId, long sequence, Instant recordedAt,
                                              Map<String, Object> values) {
        Map<String, Object> params = new HashMap<>(values);
        params.put("id", campaignId);
        params.put("version", sequence + 1);
        params.put("at", java.sql.Timestamp.from(recordedAt));
        return params;
    }
}
