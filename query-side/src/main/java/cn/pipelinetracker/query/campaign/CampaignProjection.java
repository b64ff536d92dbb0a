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
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.util.HashMap;
import java.util.Map;

/**
 * Keeps {@code campaign_view} and {@code campaign_project}: each campaign with its enrolled projects and, once held,
 * what it announced. Each change applies only while the campaign's row has not reached the event's version, so an
 * event seen twice changes nothing the second time.
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
    void on(CampaignCreatedEvent event, TrackingToken token) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", event.campaignId());
        row.put("name", event.name());
        row.put("region", event.regionCode().value());
        row.put("heldOn", event.heldOn());
        row.put("position", token.position().orElseThrow());
        writes.write(event.campaignId(), """
                INSERT INTO campaign_view (campaign_id, name, region_code, held_on, status, created_position, version)
                VALUES (:id, :name, :region, :heldOn, 'PLANNED', :position, 1)
                ON CONFLICT (campaign_id) DO NOTHING""", row);
    }

    @EventHandler
    void on(CampaignProjectEnrolledEvent event, @SequenceNumber long sequence) {
        writes.write(event.campaignId(), NEXT_VERSION + """
                INSERT INTO campaign_project (campaign_id, project_id, bucket)
                SELECT campaign_id, :project, :bucket FROM next
                ON CONFLICT (campaign_id, project_id) DO UPDATE SET bucket = excluded.bucket""",
                params(event.campaignId(), sequence, Map.of("project", event.projectId(),
                        "bucket", event.bucket().name())));
    }

    @EventHandler
    void on(CampaignProjectWithdrawnEvent event, @SequenceNumber long sequence) {
        writes.write(event.campaignId(), NEXT_VERSION + """
                DELETE FROM campaign_project
                WHERE campaign_id IN (SELECT campaign_id FROM next) AND project_id = :project""",
                params(event.campaignId(), sequence, Map.of("project", event.projectId())));
    }

    @EventHandler
    void on(CampaignHeldEvent event, @SequenceNumber long sequence) {
        writes.write(event.campaignId(), """
                UPDATE campaign_view SET status = 'HELD', held_on = :heldOn, announced = CAST(:announced AS JSONB),
                    version = :version
                WHERE campaign_id = :id AND version < :version""",
                params(event.campaignId(), sequence, Map.of("heldOn", event.heldOn(),
                        "announced", JSON.writeValueAsString(event.announced()))));
    }

    private static Map<String, Object> params(String campaignId, long sequence, Map<String, Object> values) {
        Map<String, Object> params = new HashMap<>(values);
        params.put("id", campaignId);
        params.put("version", sequence + 1);
        return params;
    }
}
