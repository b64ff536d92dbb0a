package cn.pipelinetracker.query.history;

import cn.pipelinetracker.events.EventJson;
import cn.pipelinetracker.events.ProjectEvent;
import cn.pipelinetracker.platform.axon.MetaDataKeys;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Timestamp;

/** Keeps {@code project_history}: every event of every project, with who recorded it and when. */
@Component
@ProcessingGroup(ProjectHistoryProjection.PROCESSING_GROUP)
public class ProjectHistoryProjection {

    public static final String PROCESSING_GROUP = "project-history";
    private static final JsonMapper JSON = EventJson.mapper();

    private final JdbcClient jdbc;

    public ProjectHistoryProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ProjectEvent event, DomainEventMessage<?> message, TrackingToken token) {
        Object actor = message.getMetaData().getOrDefault(MetaDataKeys.ACTOR, "unknown");
        jdbc.sql("""
                        INSERT INTO project_history (project_id, version, position, type, recorded_at, actor, data)
                        VALUES (?, ?, ?, ?, ?, ?, ?::jsonb)
                        ON CONFLICT (project_id, version) DO NOTHING""")
                .params(event.projectId(), message.getSequenceNumber() + 1, token.position().orElseThrow(),
                        event.getClass().getSimpleName(), Timestamp.from(message.getTimestamp()),
                        String.valueOf(actor), JSON.writeValueAsString(event))
                .update();
    }
}
