package cn.pipelinetracker.query.projectview;

import cn.pipelinetracker.events.ConstructionCompletedEvent;
import cn.pipelinetracker.events.ConstructionStartedEvent;
import cn.pipelinetracker.events.EventJson;
import cn.pipelinetracker.events.Milestone;
import cn.pipelinetracker.events.MilestoneDateCorrectedEvent;
import cn.pipelinetracker.events.PlannedInvestmentRevisedEvent;
import cn.pipelinetracker.events.ProductionStartedEvent;
import cn.pipelinetracker.events.ProgressReportedEvent;
import cn.pipelinetracker.events.ProjectCancelledEvent;
import cn.pipelinetracker.events.ProjectDetailsCorrectedEvent;
import cn.pipelinetracker.events.ProjectRegisteredEvent;
import cn.pipelinetracker.events.ProjectResumedEvent;
import cn.pipelinetracker.events.ProjectSignedEvent;
import cn.pipelinetracker.events.ProjectSuspendedEvent;
import cn.pipelinetracker.events.ProjectVoidedEvent;
import cn.pipelinetracker.query.ProjectionWriter;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

/**
 * Keeps {@code project_view}: one row per project with its current facts. Each update applies only to a row that has
 * not reached the event's version yet, so an event seen twice changes nothing the second time.
 */
@Component
@ProcessingGroup(ProjectViewProjection.PROCESSING_GROUP)
public class ProjectViewProjection {

    public static final String PROCESSING_GROUP = "project-view";
    private static final JsonMapper JSON = EventJson.mapper();

    /**
     * An update (its assignments in place of {@code {assignments}}) that also moves the project between totals if it changed their key
     * (Aggregates: region, industry, stage, status, planned investment; for the signed projects' totals source
     * region and signing day; for an active project under construction the month of its last report or start):
     * -1 under the old key, +1 under the new. An update that changes only the funds in place
     * writes one row: no project, the funds' difference.
     */
    private static final String UPDATE_COUNTED = """
            WITH previous AS (
                SELECT project_id AS previous_id, region_code AS previous_region, industry AS previous_industry,
                       stage AS previous_stage, status AS previous_status, planned_investment_yuan AS previous_planned,
                       source_region AS previous_source, signed_on AS previous_signed_on,
                       funds_in_place_yuan AS previous_funds, {reportedMonth} AS previous_reported_month
                FROM project_view WHERE project_id = :id AND version < :version FOR UPDATE),
            changed AS (
                UPDATE project_view SET {assignments}, version = :version FROM previous
                WHERE project_id = previous.previous_id AND version < :version
                RETURNING previous.*, region_code, industry, stage, status, planned_investment_yuan, source_region,
                          signed_on, funds_in_place_yuan, {reportedMonth} AS reported_month),
            moved AS (
                SELECT * FROM changed
                WHERE (previous_region, previous_industry, previous_stage, previous_status, previous_planned,
                       previous_source, previous_signed_on, previous_reported_month)
                      IS DISTINCT FROM (region_code, industry, stage, status, planned_investment_yuan, source_region,
                                        signed_on, reported_month))
            INSERT INTO project_total_delta (region_code, industry, stage, status, source_region, signed_on,
                                             reported_month, projects, planned_investment_yuan, funds_in_place_yuan)
            SELECT previous_region, previous_industry, previous_stage, previous_status, previous_source,
                   previous_signed_on, previous_reported_month, -1, -previous_planned, -COALESCE(previous_funds, 0)
            FROM moved
            UNION ALL
            SELECT region_code, industry, stage, status, source_region, signed_on, reported_month, 1,
                   planned_investment_yuan, COALESCE(funds_in_place_yuan, 0) FROM moved
            UNION ALL
            SELECT region_code, industry, stage, status, source_region, signed_on, reported_month, 0, 0,
                   COALESCE(funds_in_place_yuan, 0) - COALESCE(previous_funds, 0) FROM changed
            WHERE previous_funds IS DISTINCT FROM funds_in_place_yuan AND NOT EXISTS (SELECT FROM moved)"""
            .replace("{reportedMonth}", """
                    CASE WHEN status = 'ACTIVE' AND stage = 'UNDER_CONSTRUCTION'
                         THEN date_trunc('month', GREATEST(progress_as_of, construction_started_on))::date END""");

    private final ProjectionWriter writes;
    /** The calendar of {@code pipeline.zone}: the day a suspension was recorded on. */
    private final ZoneId zone;

    public ProjectViewProjection(ProjectionWriter writes, Clock clock) {
        this.writes = writes;
        this.zone = clock.getZone();
    }

    @EventHandler
    void on(ProjectRegisteredEvent event) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", event.projectId());
        row.put("code", event.projectCode());
        row.put("name", event.name());
        row.put("investor", event.investor());
        row.put("region", event.regionCode().value());
        row.put("industry", event.industry().value());
        row.put("source", event.sourceRegion());
        row.put("planned", event.plannedInvestmentYuan().yuan());
        row.put("registeredOn", event.registeredOn());
        row.put("land", event.landAreaMu());
        row.put("jobs", event.expectedJobs());
        row.put("tags", JSON.writeValueAsString(event.tags()));
        writes.write(event.projectId(), """
                WITH added AS (
                    INSERT INTO project_view (project_id, project_code, name, investor, region_code, industry,
                        source_region, planned_investment_yuan, status, registered_on, land_area_mu, expected_jobs, tags,
                        version)
                    VALUES (:id, :code, :name, :investor, :region, :industry, :source, :planned, 'ACTIVE',
                        :registeredOn, :land, :jobs, :tags::jsonb, 1)
                    ON CONFLICT (project_id) DO NOTHING
                    RETURNING region_code, industry, stage, status, source_region, planned_investment_yuan)
                INSERT INTO project_total_delta (region_code, industry, stage, status, source_region, projects,
                    planned_investment_yuan)
                SELECT region_code, industry, stage, status, source_region, 1, planned_investment_yuan FROM added""", row);
    }

    @EventHandler
    void on(ProjectSignedEvent event, @SequenceNumber long sequence) {
        if (event.contractedInvestmentYuan() == null) {
            update(event.projectId(), sequence, "signed_on = :date", Map.of("date", event.signedOn()));
        } else {
            update(event.projectId(), sequence, "signed_on = :date, planned_investment_yuan = :planned",
                    Map.of("date", event.signedOn(), "planned", event.contractedInvestmentYuan().yuan()));
        }
    }

    @EventHandler
    void on(ConstructionStartedEvent event, @SequenceNumber long sequence) {
        update(event.projectId(), sequence, "construction_started_on = :date", Map.of("date", event.startedOn()));
    }

    @EventHandler
    void on(ConstructionCompletedEvent event, @SequenceNumber long sequence) {
        update(event.projectId(), sequence, "construction_completed_on = :date", Map.of("date", event.completedOn()));
    }

    @EventHandler
    void on(ProductionStartedEvent event, @SequenceNumber long sequence) {
        update(event.projectId(), sequence, "production_started_on = :date, production_scope = :scope",
                Map.of("date", event.startedOn(), "scope", event.scope().name()));
    }

    @EventHandler
    void on(PlannedInvestmentRevisedEvent event, @SequenceNumber long sequence) {
        update(event.projectId(), sequence, "planned_investment_yuan = :planned",
                Map.of("planned", event.plannedInvestmentYuan().yuan()));
    }

    @EventHandler
    void on(ProgressReportedEvent event, @SequenceNumber long sequence) {
        Map<String, Object> values = new HashMap<>();
        values.put("asOf", event.asOf());
        values.put("completed", event.completedInvestmentYuan() == null ? null : event.completedInvestmentYuan().yuan());
        values.put("percent", event.constructionProgressPercent());
        values.put("funds", event.fundsInPlaceYuan() == null ? null : event.fundsInPlaceYuan().yuan());
        update(event.projectId(), sequence, """
                progress_as_of = :asOf,
                completed_investment_yuan = COALESCE(CAST(:completed AS NUMERIC), completed_investment_yuan),
                construction_progress_percent = COALESCE(CAST(:percent AS NUMERIC), construction_progress_percent),
                funds_in_place_yuan = COALESCE(CAST(:funds AS NUMERIC), funds_in_place_yuan)""",
                values);
    }

    @EventHandler
    void on(ProjectSuspendedEvent event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        update(event.projectId(), sequence, "status = 'SUSPENDED', suspended_on = :suspendedOn",
                Map.of("suspendedOn", LocalDate.ofInstant(recordedAt, zone)));
    }

    @EventHandler
    void on(ProjectResumedEvent event, @SequenceNumber long sequence) {
        update(event.projectId(), sequence, "status = 'ACTIVE', suspended_on = NULL", Map.of());
    }

    @EventHandler
    void on(ProjectCancelledEvent event, @SequenceNumber long sequence) {
        update(event.projectId(), sequence, "status = 'CANCELLED'", Map.of());
    }

    @EventHandler
    void on(ProjectVoidedEvent event, @SequenceNumber long sequence) {
        update(event.projectId(), sequence, "status = 'VOIDED'", Map.of());
    }

    @EventHandler
    void on(MilestoneDateCorrectedEvent event, @SequenceNumber long sequence) {
        update(event.projectId(), sequence, column(event.milestone()) + " = :date", Map.of("date", event.date()));
    }

    @EventHandler
    void on(ProjectDetailsCorrectedEvent event, @SequenceNumber long sequence) {
        Map<String, Object> values = new HashMap<>();
        values.put("name", ProjectDetailsCorrectedEvent.after(event.name()));
        values.put("investor", ProjectDetailsCorrectedEvent.after(event.investor()));
        values.put("industry", ProjectDetailsCorrectedEvent.after(event.industry()));
        values.put("region", ProjectDetailsCorrectedEvent.after(event.regionCode()));
        values.put("code", ProjectDetailsCorrectedEvent.after(event.projectCode()));
        values.put("source", ProjectDetailsCorrectedEvent.after(event.sourceRegion()));
        update(event.projectId(), sequence, """
                name = COALESCE(CAST(:name AS TEXT), name),
                investor = COALESCE(CAST(:investor AS TEXT), investor),
                industry = COALESCE(CAST(:industry AS TEXT), industry),
                region_code = COALESCE(CAST(:region AS TEXT), region_code),
                project_code = COALESCE(CAST(:code AS TEXT), project_code),
                source_region = COALESCE(CAST(:source AS TEXT), source_region)""", values);
    }

    /**
     * Applies the event at {@code sequence} (0-based) if the row has not applied it yet. Events of one project arrive
     * in order; a version may be missing when an administrator skipped a parked event (decision 0013), and the events
     * after it still apply. If the update moves the project to another total (Aggregates: region, industry, stage,
     * status, planned investment), the same statement takes it out of the old one and adds it to the new one.
     */
    private void update(String projectId, long sequence, String assignments, Map<String, ?> values) {
        Map<String, Object> params = new HashMap<>(values);
        params.put("id", projectId);
        params.put("sequence", sequence);
        params.put("version", sequence + 1);
        writes.write(projectId, UPDATE_COUNTED.replace("{assignments}", assignments), params);
    }

    static String column(Milestone milestone) {
        return switch (milestone) {
            case REGISTERED -> "registered_on";
            case SIGNED -> "signed_on";
            case CONSTRUCTION_STARTED -> "construction_started_on";
            case CONSTRUCTION_COMPLETED -> "construction_completed_on";
            case PRODUCTION_STARTED -> "production_started_on";
        };
    }
}
