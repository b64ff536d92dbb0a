package cn.pipelinetracker.query.publication;

import cn.pipelinetracker.events.ConstructionCompletedEvent;
import cn.pipelinetracker.events.ConstructionStartedEvent;
import cn.pipelinetracker.events.FigurePublishedEvent;
import cn.pipelinetracker.events.MilestoneDateCorrectedEvent;
import cn.pipelinetracker.events.PeriodClosedEvent;
import cn.pipelinetracker.events.PeriodReopenedEvent;
import cn.pipelinetracker.events.PlannedInvestmentRevisedEvent;
import cn.pipelinetracker.events.ProductionStartedEvent;
import cn.pipelinetracker.events.ProjectDetailsCorrectedEvent;
import cn.pipelinetracker.events.ProjectEvent;
import cn.pipelinetracker.events.ProjectRegisteredEvent;
import cn.pipelinetracker.events.ProjectSignedEvent;
import cn.pipelinetracker.events.ProjectVoidedEvent;
import cn.pipelinetracker.platform.axon.MetaDataKeys;
import cn.pipelinetracker.query.ProjectionWriter;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.util.HashMap;
import java.util.Map;

/**
 * Keeps the tables of published figures and the monthly close: {@code publication_project_state} (each project's
 * statistical state after every event that changes it, with the event's position and cause), {@code
 * publication_view} and {@code period_view}. Every write is keyed by (aggregate, version): a redelivered event is a
 * no-op.
 */
@Component
@ProcessingGroup(PublicationProjection.PROCESSING_GROUP)
public class PublicationProjection {

    /** The command side awaits this processor before it computes a publication's answer. */
    public static final String PROCESSING_GROUP = "publication-facts";

    private static final String COLUMNS = "project_id, version, position, event_type, recorded_at, actor, reason, "
            + "region_code, industry, source_region, planned_investment_yuan, voided, registered_on, signed_on, "
            + "construction_started_on, construction_completed_on, production_started_on";
    /** The project's last state, with what the event changes. */
    private static final String NEXT_STATE = "INSERT INTO publication_project_state (" + COLUMNS + """
            ) SELECT :id, :version, :position, :type, :at, :actor, CAST(:reason AS TEXT),
                     COALESCE(CAST(:region AS TEXT), region_code), COALESCE(CAST(:industry AS TEXT), industry),
                     COALESCE(CAST(:source AS TEXT), source_region),
                     COALESCE(CAST(:planned AS NUMERIC), planned_investment_yuan), voided OR CAST(:voided AS BOOLEAN),
                     COALESCE(CAST(:registered AS DATE), registered_on), COALESCE(CAST(:signed AS DATE), signed_on),
                     COALESCE(CAST(:started AS DATE), construction_started_on),
                     COALESCE(CAST(:completed AS DATE), construction_completed_on),
                     COALESCE(CAST(:production AS DATE), production_started_on)
              FROM (SELECT * FROM publication_project_state WHERE project_id = :id AND version < :version
                    ORDER BY version DESC LIMIT 1) last
            ON CONFLICT (project_id, version) DO NOTHING""";

    private final ProjectionWriter writes;

    public PublicationProjection(ProjectionWriter writes) {
        this.writes = writes;
    }

    @EventHandler
    void on(ProjectRegisteredEvent event, DomainEventMessage<?> message, TrackingToken token) {
        Map<String, Object> params = cause(event.projectId(), message, token, null);
        params.put("region", event.regionCode().value());
        params.put("industry", event.industry().value());
        params.put("source", event.sourceRegion());
        params.put("planned", event.plannedInvestmentYuan().yuan());
        params.put("registered", event.registeredOn());
        writes.write(event.projectId(), "INSERT INTO publication_project_state (" + COLUMNS + """
                ) VALUES (:id, :version, :position, :type, :at, :actor, NULL, :region, :industry, :source, :planned,
                          FALSE, :registered, NULL, NULL, NULL, NULL)
                ON CONFLICT (project_id, version) DO NOTHING""", params);
    }

    @EventHandler
    void on(ProjectSignedEvent event, DomainEventMessage<?> message, TrackingToken token) {
        Map<String, Object> params = change(event, message, token, null);
        params.put("signed", event.signedOn());
        if (event.contractedInvestmentYuan() != null) {
            params.put("planned", event.contractedInvestmentYuan().yuan());
        }
        writes.write(event.projectId(), NEXT_STATE, params);
    }

    @EventHandler
    void on(ConstructionStartedEvent event, DomainEventMessage<?> message, TrackingToken token) {
        Map<String, Object> params = change(event, message, token, null);
        params.put("started", event.startedOn());
        writes.write(event.projectId(), NEXT_STATE, params);
    }

    @EventHandler
    void on(ConstructionCompletedEvent event, DomainEventMessage<?> message, TrackingToken token) {
        Map<String, Object> params = change(event, message, token, null);
        params.put("completed", event.completedOn());
        writes.write(event.projectId(), NEXT_STATE, params);
    }

    @EventHandler
    void on(ProductionStartedEvent event, DomainEventMessage<?> message, TrackingToken token) {
        Map<String, Object> params = change(event, message, token, null);
        params.put("production", event.startedOn());
        writes.write(event.projectId(), NEXT_STATE, params);
    }

    @EventHandler
    void on(PlannedInvestmentRevisedEvent event, DomainEventMessage<?> message, TrackingToken token) {
        Map<String, Object> params = change(event, message, token, event.reason());
        params.put("planned", event.plannedInvestmentYuan().yuan());
        writes.write(event.projectId(), NEXT_STATE, params);
    }

    @EventHandler
    void on(MilestoneDateCorrectedEvent event, DomainEventMessage<?> message, TrackingToken token) {
        Map<String, Object> params = change(event, message, token, event.reason());
        params.put(switch (event.milestone()) {
            case REGISTERED -> "registered";
            case SIGNED -> "signed";
            case CONSTRUCTION_STARTED -> "started";
            case CONSTRUCTION_COMPLETED -> "completed";
            case PRODUCTION_STARTED -> "production";
        }, event.date());
        writes.write(event.projectId(), NEXT_STATE, params);
    }

    @EventHandler
    void on(ProjectDetailsCorrectedEvent event, DomainEventMessage<?> message, TrackingToken token) {
        Map<String, Object> params = change(event, message, token, event.reason());
        params.put("region", ProjectDetailsCorrectedEvent.after(event.regionCode()));
        params.put("industry", ProjectDetailsCorrectedEvent.after(event.industry()));
        params.put("source", ProjectDetailsCorrectedEvent.after(event.sourceRegion()));
        if (params.get("region") != null || params.get("industry") != null || params.get("source") != null) {
            writes.write(event.projectId(), NEXT_STATE, params);
        }
    }

    @EventHandler
    void on(ProjectVoidedEvent event, DomainEventMessage<?> message, TrackingToken token) {
        Map<String, Object> params = change(event, message, token, event.reason());
        params.put("voided", true);
        writes.write(event.projectId(), NEXT_STATE, params);
    }

    @EventHandler
    void on(FigurePublishedEvent event, DomainEventMessage<?> message) {
        Map<String, Object> params = new HashMap<>();
        params.put("id", event.publicationId());
        params.put("title", event.title());
        params.put("milestone", event.milestone().name());
        params.put("region", event.regionCode().value());
        params.put("from", event.from());
        params.put("to", event.to());
        params.put("industry", event.industry() == null ? null : event.industry().value());
        params.put("source", event.sourceRegion());
        params.put("projects", event.projects());
        params.put("planned", event.plannedInvestmentYuan().yuan());
        params.put("position", event.position());
        params.put("at", Timestamp.from(message.getTimestamp()));
        params.put("actor", actor(message));
        params.put("period", event.periodId());
        writes.write(event.publicationId(), """
                INSERT INTO publication_view (publication_id, title, milestone, region_code, from_date, to_date,
                    industry, source_region, projects, planned_investment_yuan, position, published_at, published_by,
                    period_id)
                VALUES (:id, :title, :milestone, :region, :from, :to, :industry, :source, :projects, :planned,
                        :position, :at, :actor, :period)
                ON CONFLICT (publication_id) DO NOTHING""", params);
    }

    @EventHandler
    void on(PeriodClosedEvent event, DomainEventMessage<?> message) {
        Map<String, Object> params = period(event.periodId(), event.regionCode().value(), event.month(), message);
        writes.write(event.periodId(), """
                INSERT INTO period_view (period_id, region_code, month, status, closed_at, closed_by, version)
                VALUES (:id, :region, :month, 'CLOSED', :at, :actor, :version)
                ON CONFLICT (period_id) DO UPDATE SET status = 'CLOSED', closed_at = :at, closed_by = :actor,
                    version = :version
                WHERE period_view.version < :version""", params);
    }

    @EventHandler
    void on(PeriodReopenedEvent event, DomainEventMessage<?> message) {
        Map<String, Object> params = period(event.periodId(), event.regionCode().value(), event.month(), message);
        params.put("reason", event.reason());
        writes.write(event.periodId(), """
                UPDATE period_view SET status = 'OPEN', closed_at = NULL, closed_by = NULL, reopened_at = :at,
                    reopened_by = :actor, reopen_reason = :reason, version = :version
                WHERE period_id = :id AND version < :version""", params);
    }

    private static Map<String, Object> period(String periodId, String region, String month,
                                              DomainEventMessage<?> message) {
        Map<String, Object> params = new HashMap<>();
        params.put("id", periodId);
        params.put("region", region);
        params.put("month", month);
        params.put("at", Timestamp.from(message.getTimestamp()));
        params.put("actor", actor(message));
        params.put("version", message.getSequenceNumber() + 1);
        return params;
    }

    /** The parameters of a change of a project's state: every changing column null until the handler sets it. */
    private static Map<String, Object> change(ProjectEvent event, DomainEventMessage<?> message, TrackingToken token,
                                              String reason) {
        Map<String, Object> params = cause(event.projectId(), message, token, reason);
        for (String column : new String[]{"region", "industry", "source", "planned", "registered", "signed",
                "started", "completed", "production"}) {
            params.put(column, null);
        }
        params.put("voided", false);
        return params;
    }

    private static Map<String, Object> cause(String projectId, DomainEventMessage<?> message, TrackingToken token,
                                             String reason) {
        Map<String, Object> params = new HashMap<>();
        params.put("id", projectId);
        params.put("version", message.getSequenceNumber() + 1);
        params.put("position", token.position().orElseThrow());
        params.put("type", message.getPayloadType().getSimpleName());
        params.put("at", Timestamp.from(message.getTimestamp()));
        params.put("actor", actor(message));
        params.put("reason", reason);
        return params;
    }

    static String actor(DomainEventMessage<?> message) {
        return String.valueOf(message.getMetaData().getOrDefault(MetaDataKeys.ACTOR, "unknown"));
    }
}
