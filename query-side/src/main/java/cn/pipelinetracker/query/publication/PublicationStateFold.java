package cn.pipelinetracker.query.publication;

import cn.pipelinetracker.events.ConstructionCompletedEvent;
import cn.pipelinetracker.events.ConstructionStartedEvent;
import cn.pipelinetracker.events.MilestoneDateCorrectedEvent;
import cn.pipelinetracker.events.PlannedInvestmentRevisedEvent;
import cn.pipelinetracker.events.ProductionStartedEvent;
import cn.pipelinetracker.events.ProjectDetailsCorrectedEvent;
import cn.pipelinetracker.events.ProjectRegisteredEvent;
import cn.pipelinetracker.events.ProjectSignedEvent;
import cn.pipelinetracker.events.ProjectVoidedEvent;
import cn.pipelinetracker.query.rebuild.ProjectFold;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static cn.pipelinetracker.events.ProjectDetailsCorrectedEvent.after;

/**
 * {@link PublicationProjection}'s {@code publication_project_state} folded over a project's history: a row per event
 * that changes the project's statistical state. (Its publication and period tables are few rows of other aggregates:
 * the rebuild replays those through the handlers.)
 */
@Component
public class PublicationStateFold implements ProjectFold {

    private static final String TABLE = "publication_project_state";
    private static final List<String> COLUMNS = List.of("project_id", "version", "position", "event_type",
            "recorded_at", "actor", "reason", "region_code", "industry", "source_region", "planned_investment_yuan",
            "voided", "registered_on", "signed_on", "construction_started_on", "construction_completed_on",
            "production_started_on");

    @Override
    public String group() {
        return PublicationProjection.PROCESSING_GROUP;
    }

    @Override
    public Map<String, List<String>> columns() {
        return Map.of(TABLE, COLUMNS);
    }

    @Override
    public void fold(List<LoggedEvent> events, Rows rows) {
        Map<String, Object> last = null;
        for (LoggedEvent event : events) {
            Object payload = event.payload();
            Map<String, Object> next;
            if (payload instanceof ProjectRegisteredEvent registered) {
                if (last != null) {
                    continue;
                }
                next = new LinkedHashMap<>();
                for (String column : COLUMNS) {
                    next.put(column, null);
                }
                next.put("project_id", registered.projectId());
                next.put("region_code", registered.regionCode().value());
                next.put("industry", registered.industry().value());
                next.put("source_region", registered.sourceRegion());
                next.put("planned_investment_yuan", registered.plannedInvestmentYuan().yuan());
                next.put("voided", false);
                next.put("registered_on", registered.registeredOn());
            } else {
                if (last == null) {
                    continue;
                }
                next = new LinkedHashMap<>(last);
                next.put("reason", null);
                if (!changed(payload, next)) {
                    continue;
                }
            }
            next.put("version", event.version());
            next.put("position", event.position());
            next.put("event_type", payload.getClass().getSimpleName());
            next.put("recorded_at", event.message().getTimestamp());
            next.put("actor", PublicationProjection.actor(event.message()));
            rows.add(TABLE, next.values().toArray());
            last = next;
        }
    }

    /** Applies what the event changes to the state; false for an event that changes nothing here. */
    private static boolean changed(Object payload, Map<String, Object> state) {
        if (payload instanceof ProjectSignedEvent signed) {
            state.put("signed_on", signed.signedOn());
            if (signed.contractedInvestmentYuan() != null) {
                state.put("planned_investment_yuan", signed.contractedInvestmentYuan().yuan());
            }
        } else if (payload instanceof ConstructionStartedEvent started) {
            state.put("construction_started_on", started.startedOn());
        } else if (payload instanceof ConstructionCompletedEvent completed) {
            state.put("construction_completed_on", completed.completedOn());
        } else if (payload instanceof ProductionStartedEvent production) {
            state.put("production_started_on", production.startedOn());
        } else if (payload instanceof PlannedInvestmentRevisedEvent revised) {
            state.put("planned_investment_yuan", revised.plannedInvestmentYuan().yuan());
            state.put("reason", revised.reason());
        } else if (payload instanceof MilestoneDateCorrectedEvent corrected) {
            state.put(switch (corrected.milestone()) {
                case REGISTERED -> "registered_on";
                case SIGNED -> "signed_on";
                case CONSTRUCTION_STARTED -> "construction_started_on";
                case CONSTRUCTION_COMPLETED -> "construction_completed_on";
                case PRODUCTION_STARTED -> "production_started_on";
            }, corrected.date());
            state.put("reason", corrected.reason());
        } else if (payload instanceof ProjectDetailsCorrectedEvent corrected) {
            String region = after(corrected.regionCode());
            String industry = after(corrected.industry());
            String source = after(corrected.sourceRegion());
            if (region == null && industry == null && source == null) {
                return false;
            }
            state.put("region_code", region == null ? state.get("region_code") : region);
            state.put("industry", industry == null ? state.get("industry") : industry);
            state.put("source_region", source == null ? state.get("source_region") : source);
            state.put("reason", corrected.reason());
        } else if (payload instanceof ProjectVoidedEvent voided) {
            state.put("voided", true);
            state.put("reason", voided.reason());
        } else {
            return false;
        }
        return true;
    }
}
