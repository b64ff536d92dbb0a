package cn.pipelinetracker.query.history;

import cn.pipelinetracker.events.EventJson;
import cn.pipelinetracker.events.ProjectEvent;
import cn.pipelinetracker.platform.axon.MetaDataKeys;
import cn.pipelinetracker.query.ProjectionWriter;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Timestamp;
import java.util.Map;

/** Keeps {@code project_history}: every event of every project, with who recorded it and when. */
@Component
@ProcessingGroup(ProjectHistoryProjection.PROCESSING_GROUP)
public class ProjectHistoryProjection {

    public static final String PROCESSING_GROUP = "project-history";
    private static final JsonMapper JSON = EventJson.mapper();

    private final ProjectionWriter writes;

    public ProjectHistoryProjection(ProjectionWriter writes) {
        this.writes = writes;
    }

    @EventHandler
    void on(ProjectEvent event, DomainEventMessage<?> message, TrackingToken token) {
        Object actor = message.getMetaData().getOrDefault(MetaDataKeys.ACTOR, "unknown");
        writes.write(event.projectId(), """
                INSERT INTO project_history (project_id, version, position, type, recorded_at, actor, data)
                VALUES (:id, :version, :position, :type, :recordedAt, :actor, :data::jsonb)
                ON CONFLICT (project_id, version) DO NOTHING""", Map.of(
                "id", event.projectId(),
                "version", message.getSequenceNumber() + 1,
                "position", token.position().orElseThrow(),
                "type", event.getClass().getSimpleName(),
                "recordedAt", Timestamp.from(message.getTimestamp()),
                "actor", String.valueOf(actor),
                "data", JSON.writeValueAsString(event)));
    }
}
