package cn.pipelinetracker.query.stats;

import cn.pipelinetracker.events.ConstructionCompletedEvent;
import cn.pipelinetracker.events.ConstructionStartedEvent;
import cn.pipelinetracker.events.Milestone;
import cn.pipelinetracker.events.MilestoneDateCorrectedEvent;
import cn.pipelinetracker.events.PlannedInvestmentRevisedEvent;
import cn.pipelinetracker.events.ProjectDetailsCorrectedEvent;
import cn.pipelinetracker.events.ProductionStartedEvent;
import cn.pipelinetracker.events.ProjectEvent;
import cn.pipelinetracker.events.ProjectRegisteredEvent;
import cn.pipelinetracker.events.ProjectSignedEvent;
import cn.pipelinetracker.events.ProjectVoidedEvent;
import cn.pipelinetracker.query.ProjectionWriter;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps {@code milestone_fact}, the bitemporal facts behind the milestone statistics: each fact is known from the
 * time its event was recorded until a later correction, revision or void supersedes it. Each event is one statement
 * that first advances the project's applied version in {@code milestone_project} and does its work only if that
 * succeeded, so a redelivered event is a no-op. (All parts of one statement see the rows as they were before it:
 * superseding the current facts does not touch the copies the same statement inserts.)
 */
@Component
@ProcessingGroup(MilestoneFactsProjection.PROCESSING_GROUP)
public class MilestoneFactsProjection {

    public static final String PROCESSING_GROUP = "milestone-facts";

    private static final String FACT_COLUMNS = "project_id, milestone, known_from_version, milestone_date, "
            + "region_code, industry, source_region, planned_investment_yuan, known_from";
    /** What a fact made current or superseded changes in the totals (Aggregates): its key and amount. */
    private static final String COUNTED = "milestone, region_code, industry, source_region, milestone_date, "
            + "planned_investment_yuan";
    private static final String ADVANCE = """
            advanced AS (UPDATE milestone_project SET version = :version WHERE project_id = :id AND version < :version
                         RETURNING project_id, region_code, industry, source_region, planned_investment_yuan)""";
    private static final String ADVANCE_WITH_AMOUNT = """
            advanced AS (UPDATE milestone_project SET version = :version, planned_investment_yuan = :planned
                         WHERE project_id = :id AND version < :version
                         RETURNING project_id, region_code, industry, source_region, planned_investment_yuan),
            copied AS (INSERT INTO milestone_fact (%s)
                       SELECT f.project_id, f.milestone, :version, f.milestone_date, f.region_code, f.industry,
                              f.source_region, :planned, :at
                       FROM milestone_fact f JOIN advanced a ON a.project_id = f.project_id
                       WHERE f.superseded_at IS NULL
                       RETURNING %s)""".formatted(FACT_COLUMNS, COUNTED);
    private static final String SUPERSEDE_ALL = """
            superseded AS (UPDATE milestone_fact f SET superseded_at = :at FROM advanced a
                           WHERE f.project_id = a.project_id AND f.superseded_at IS NULL
                           RETURNING f.project_id, f.%s)""".formatted(COUNTED.replace(", ", ", f."));
    private static final boolean SUPERSEDES = true;
    private static final boolean ONLY_ADDS = false;
    /** A fact of the milestone and date of the parameters, with the project's values as advanced. */
    private static final String ADD_FACT = "added AS (INSERT INTO milestone_fact (" + FACT_COLUMNS + ") "
            + "SELECT project_id, :milestone, :version, :date, region_code, industry, source_region, "
            + "planned_investment_yuan, :at FROM advanced RETURNING " + COUNTED + ")";

    private final ProjectionWriter writes;

    public MilestoneFactsProjection(ProjectionWriter writes) {
        this.writes = writes;
    }

    @EventHandler
    void on(ProjectRegisteredEvent event, @Timestamp Instant recordedAt) {
        Map<String, Object> params = params(event, 0, recordedAt);
        params.put("region", event.regionCode().value());
        params.put("industry", event.industry().value());
        params.put("source", event.sourceRegion());
        params.put("planned", event.plannedInvestmentYuan().yuan());
        params.put("milestone", Milestone.REGISTERED.name());
        params.put("date", event.registeredOn());
        writes.write(event.projectId(), counting("""
                advanced AS (
                    INSERT INTO milestone_project (project_id, region_code, industry, source_region,
                        planned_investment_yuan, version)
                    VALUES (:id, :region, :industry, :source, :planned, 1) ON CONFLICT (project_id) DO NOTHING
                    RETURNING project_id, region_code, industry, source_region, planned_investment_yuan),
                """ + ADD_FACT, ONLY_ADDS, "added"), params);
    }

    @EventHandler
    void on(ProjectSignedEvent event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        Map<String, Object> params = reached(event, sequence, recordedAt, Milestone.SIGNED, event.signedOn());
        if (event.contractedInvestmentYuan() == null) {
            writes.write(event.projectId(), counting(ADVANCE + ", " + ADD_FACT, ONLY_ADDS, "added"), params);
        } else {
            // the contracted amount becomes the planned investment: of the existing facts and of the new one
            params.put("planned", event.contractedInvestmentYuan().yuan());
            writes.write(event.projectId(), counting(ADVANCE_WITH_AMOUNT + ", " + SUPERSEDE_ALL + ", " + ADD_FACT,
                    SUPERSEDES, "copied", "added"), params);
        }
    }

    @EventHandler
    void on(ConstructionStartedEvent event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        addFact(event, sequence, recordedAt, Milestone.CONSTRUCTION_STARTED, event.startedOn());
    }

    @EventHandler
    void on(ConstructionCompletedEvent event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        addFact(event, sequence, recordedAt, Milestone.CONSTRUCTION_COMPLETED, event.completedOn());
    }

    @EventHandler
    void on(ProductionStartedEvent event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        addFact(event, sequence, recordedAt, Milestone.PRODUCTION_STARTED, event.startedOn());
    }

    @EventHandler
    void on(PlannedInvestmentRevisedEvent event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        Map<String, Object> params = params(event, sequence, recordedAt);
        params.put("planned", event.plannedInvestmentYuan().yuan());
        writes.write(event.projectId(), counting(ADVANCE_WITH_AMOUNT + ", " + SUPERSEDE_ALL, SUPERSEDES, "copied"),
                params);
    }

    @EventHandler
    void on(MilestoneDateCorrectedEvent event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        Map<String, Object> params = reached(event, sequence, recordedAt, event.milestone(), event.date());
        writes.write(event.projectId(), counting(ADVANCE + """
                , superseded AS (UPDATE milestone_fact f SET superseded_at = :at FROM advanced a
                                 WHERE f.project_id = a.project_id AND f.milestone = :milestone
                                   AND f.superseded_at IS NULL
                                 RETURNING f.project_id, f.%s),
                added AS (INSERT INTO milestone_fact (%s)
                          SELECT project_id, :milestone, :version, :date, region_code, industry, source_region,
                                 planned_investment_yuan, :at FROM superseded
                          RETURNING %s)""".formatted(COUNTED.replace(", ", ", f."), FACT_COLUMNS, COUNTED), SUPERSEDES,
                "added"), params);
    }

    /**
     * A correction that moves the project to another region, or gives it another industry or source region,
     * supersedes its current facts and states them again with the corrected values from the correction's recorded
     * time: statistics count the project there from then on, and {@code asOf} before it answers as before. Other
     * corrections (name, investor, code) change no statistic.
     */
    @EventHandler
    void on(ProjectDetailsCorrectedEvent event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        Map<String, Object> params = params(event, sequence, recordedAt);
        params.put("region", ProjectDetailsCorrectedEvent.after(event.regionCode()));
        params.put("industry", ProjectDetailsCorrectedEvent.after(event.industry()));
        params.put("source", ProjectDetailsCorrectedEvent.after(event.sourceRegion()));
        if (params.get("region") == null && params.get("industry") == null && params.get("source") == null) {
            writes.write(event.projectId(),
                    "UPDATE milestone_project SET version = :version WHERE project_id = :id AND version < :version",
                    params);
            return;
        }
        writes.write(event.projectId(), counting("""
                advanced AS (
                    UPDATE milestone_project SET version = :version,
                        region_code = COALESCE(CAST(:region AS TEXT), region_code),
                        industry = COALESCE(CAST(:industry AS TEXT), industry),
                        source_region = COALESCE(CAST(:source AS TEXT), source_region)
                    WHERE project_id = :id AND version < :version
                    RETURNING project_id, region_code, industry, source_region, planned_investment_yuan),
                """ + SUPERSEDE_ALL + """
                , added AS (INSERT INTO milestone_fact (%s)
                            SELECT s.project_id, s.milestone, :version, s.milestone_date, a.region_code, a.industry,
                                   a.source_region, a.planned_investment_yuan, :at
                            FROM superseded s JOIN advanced a ON a.project_id = s.project_id
                            RETURNING %s)""".formatted(FACT_COLUMNS, COUNTED), SUPERSEDES, "added"), params);
    }

    /** A voided project was entered in error: from the time of the void, none of its facts count. */
    @EventHandler
    void on(ProjectVoidedEvent event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        writes.write(event.projectId(), counting(ADVANCE + ", " + SUPERSEDE_ALL, SUPERSEDES),
                params(event, sequence, recordedAt));
    }

    /** Events that change no statistic still advance the project's version. */
    @EventHandler
    void on(ProjectEvent event, @SequenceNumber long sequence) {
        writes.write(event.projectId(),
                "UPDATE milestone_project SET version = :version WHERE project_id = :id AND version < :version",
                params(event, sequence, Instant.EPOCH));
    }

    private void addFact(ProjectEvent event, long sequence, Instant recordedAt, Milestone milestone, LocalDate date) {
        writes.write(event.projectId(), counting(ADVANCE + ", " + ADD_FACT, ONLY_ADDS, "added"),
                reached(event, sequence, recordedAt, milestone, date));
    }

    /**
     * The statement of {@code ctes}, ending in the deltas of the totals (Aggregates): +1 and the amount for each fact
     * that the named CTEs made current, -1 and minus the amount for each fact of the CTE {@code superseded} if the
     * statement {@link #SUPERSEDES}.
     * Only facts the statement really changed count, so a redelivered event (whose advance changes nothing) adds none.
     */
    private static String counting(String ctes, boolean supersedes, String... madeCurrent) {
        List<String> deltas = new ArrayList<>();
        for (String cte : madeCurrent) {
            deltas.add("SELECT " + COUNTED.replace("planned_investment_yuan", "1, planned_investment_yuan")
                    + " FROM " + cte);
        }
        if (supersedes) {
            deltas.add("SELECT " + COUNTED.replace("planned_investment_yuan", "-1, -planned_investment_yuan")
                    + " FROM superseded");
        }
        return "WITH " + ctes + " INSERT INTO milestone_total_delta ("
                + COUNTED.replace("planned_investment_yuan", "projects, planned_investment_yuan") + ") "
                + String.join(" UNION ALL ", deltas);
    }

    private static Map<String, Object> reached(ProjectEvent event, long sequence, Instant recordedAt,
                                               Milestone milestone, LocalDate date) {
        Map<String, Object> params = params(event, sequence, recordedAt);
        params.put("milestone", milestone.name());
        params.put("date", date);
        return params;
    }

    private static Map<String, Object> params(ProjectEvent event, long sequence, Instant recordedAt) {
        Map<String, Object> params = new HashMap<>();
        params.put("id", event.projectId());
        params.put("sequence", sequence);
        params.put("version", sequence + 1);
        params.put("at", java.sql.Timestamp.from(recordedAt));
        return params;
    }
}
