package cn.pipelinetracker.query.history;

import cn.pipelinetracker.events.EventJson;
import cn.pipelinetracker.events.ProjectEvent;
import cn.pipelinetracker.platform.axon.MetaDataKeys;
import cn.pipelinetracker.query.rebuild.ProjectFold;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Map;

/** {@link ProjectHistoryProjection} folded over a project's history: a {@code project_history} row per event. */
@Component
public class ProjectHistoryFold implements ProjectFold {

    private static final JsonMapper JSON = EventJson.mapper();
    private static final String TABLE = "project_history";

    @Override
    public String group() {
        return ProjectHistoryProjection.PROCESSING_GROUP;
    }

    @Override
    public Map<String, List<String>> columns() {
        return Map.of(TABLE, List.of("project_id", "version", "position", "type", "recorded_at", "actor", "data"));
    }

    @Override
    public void fold(List<LoggedEvent> events, Rows rows) {
        for (LoggedEvent event : events) {
            if (event.payload() instanceof ProjectEvent payload) {
                rows.add(TABLE, payload.projectId(), event.version(), event.position(),
                        payload.getClass().getSimpleName(), event.message().getTimestamp(),
                        String.valueOf(event.message().getMetaData().getOrDefault(MetaDataKeys.ACTOR, "unknown")),
                        JSON.writeValueAsString(payload));
            }
        }
    }
}
