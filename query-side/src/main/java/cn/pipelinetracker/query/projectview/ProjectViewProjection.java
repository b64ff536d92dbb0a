package cn.pipelinetracker.query.projectview;

import cn.pipelinetracker.events.ConstructionCompletedEvent;
import cn.pipelinetracker.events.ConstructionStartedEvent;
import cn.pipelinetracker.events.Milestone;
import cn.pipelinetracker.events.MilestoneDateCorrectedEvent;
import cn.pipelinetracker.events.PlannedInvestmentRevisedEvent;
import cn.pipelinetracker.events.ProductionStartedEvent;
import cn.pipelinetracker.events.ProgressReportedEvent;
import cn.pipelinetracker.events.ProjectCancelledEvent;
import cn.pipelinetracker.events.ProjectRegisteredEvent;
import cn.pipelinetracker.events.ProjectResumedEvent;
import cn.pipelinetracker.events.ProjectSignedEvent;
import cn.pipelinetracker.events.ProjectSuspendedEvent;
import cn.pipelinetracker.events.ProjectVoidedEvent;
import cn.pipelinetracker.events.EventJson;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;

/**
 * Keeps {@code project_view}: one row per project with its current facts. Each update names the version it expects
 * the row to be at, so an event seen twice changes nothing the second time.
 */
@Component
@ProcessingGroup(ProjectViewProjection.PROCESSING_GROUP)
public class ProjectViewProjection {

    public static final String PROCESSING_GROUP = "project-view";
    private static final JsonMapper JSON = EventJson.mapper();

    private final JdbcClient jdbc;

    public ProjectViewProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ProjectRegisteredEvent event) {
        jdbc.sql("""
                        INSERT INTO project_view (project_id, project_code, name, investor, region_code, industry,
                            source_region, planned_investment_yuan, status, registered_on, land_area_mu, expected_jobs,
                            tags, version)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'ACTIVE', ?, ?, ?, ?::jsonb, 1)
                        ON CONFLICT (project_id) DO NOTHING""")
                .params(event.projectId(), event.projectCode(), event.name(), event.investor(),
                        event.regionCode().value(), event.industry().value(), event.sourceRegion(),
                        event.plannedInvestmentYuan().yuan(), event.registeredOn(), event.landAreaMu(),
                        event.expectedJobs(), JSON.writeValueAsString(event.tags()))
                .update();
    }

    @EventHandler
    void on(ProjectSignedEvent event, @SequenceNumber long sequence) {
        if (event.contractedInvestmentYuan() == null) {
            update(event.projectId(), sequence, "signed_on = ?", event.signedOn());
        } else {
            update(event.projectId(), sequence, "signed_on = ?, planned_investment_yuan = ?", event.signedOn(),
                    event.contractedInvestmentYuan().yuan());
        }
    }

    @EventHandler
    void on(ConstructionStartedEvent event, @SequenceNumber long sequence) {
        update(event.projectId(), sequence, "construction_started_on = ?", event.startedOn());
    }

    @EventHandler
    void on(ConstructionCompletedEvent event, @SequenceNumber long sequence) {
        update(event.projectId(), sequence, "construction_completed_on = ?", event.completedOn());
    }

    @EventHandler
    void on(ProductionStartedEvent event, @SequenceNumber long sequence) {
        update(event.projectId(), sequence, "production_started_on = ?, production_scope = ?", event.startedOn(),
                event.scope().name());
    }

    @EventHandler
    void on(PlannedInvestmentRevisedEvent event, @SequenceNumber long sequence) {
        update(event.projectId(), sequence, "planned_investment_yuan = ?", event.plannedInvestmentYuan().yuan());
    }

    @EventHandler
    void on(ProgressReportedEvent event, @SequenceNumber long sequence) {
        BigDecimal completed = event.completedInvestmentYuan() == null ? null
                : event.completedInvestmentYuan().yuan();
        update(event.projectId(), sequence, """
                        progress_as_of = ?,
                        completed_investment_yuan = COALESCE(?, completed_investment_yuan),
                        construction_progress_percent = COALESCE(?, construction_progress_percent)""",
                event.asOf(), completed, event.constructionProgressPercent());
    }

    @EventHandler
    void on(ProjectSuspendedEvent event, @SequenceNumber long sequence) {
        update(event.projectId(), sequence, "status = 'SUSPENDED'");
    }

    @EventHandler
    void on(ProjectResumedEvent event, @SequenceNumber long sequence) {
        update(event.projectId(), sequence, "status = 'ACTIVE'");
    }

    @EventHandler
    void on(ProjectCancelledEvent event, @SequenceNumber long sequence) {
        update(event.projectId(), sequence, "status = 'CANCELLED'");
    }

    @EventHandler
    void on(ProjectVoidedEvent event, @SequenceNumber long sequence) {
        update(event.projectId(), sequence, "status = 'VOIDED'");
    }

    @EventHandler
    void on(MilestoneDateCorrectedEvent event, @SequenceNumber long sequence) {
        update(event.projectId(), sequence, column(event.milestone()) + " = ?", event.date());
    }

    /** Applies the event at {@code sequence} (0-based) if the row is at the version just before it. */
    private void update(String projectId, long sequence, String assignments, Object... values) {
        Object[] params = new Object[values.length + 3];
        System.arraycopy(values, 0, params, 0, values.length);
        params[values.length] = sequence + 1;
        params[values.length + 1] = projectId;
        params[values.length + 2] = sequence;
        jdbc.sql("UPDATE project_view SET " + assignments + ", version = ? WHERE project_id = ? AND version = ?")
                .params(params)
                .update();
    }

    private static String column(Milestone milestone) {
        return switch (milestone) {
            case REGISTERED -> "registered_on";
            case SIGNED -> "signed_on";
            case CONSTRUCTION_STARTED -> "construction_started_on";
            case CONSTRUCTION_COMPLETED -> "construction_completed_on";
            case PRODUCTION_STARTED -> "production_started_on";
        };
    }
}
