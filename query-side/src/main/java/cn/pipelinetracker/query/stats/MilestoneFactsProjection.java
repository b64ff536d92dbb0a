package cn.pipelinetracker.query.stats;

import cn.pipelinetracker.events.ConstructionCompletedEvent;
import cn.pipelinetracker.events.ConstructionStartedEvent;
import cn.pipelinetracker.events.Milestone;
import cn.pipelinetracker.events.MilestoneDateCorrectedEvent;
import cn.pipelinetracker.events.Money;
import cn.pipelinetracker.events.PlannedInvestmentRevisedEvent;
import cn.pipelinetracker.events.ProductionStartedEvent;
import cn.pipelinetracker.events.ProjectEvent;
import cn.pipelinetracker.events.ProjectRegisteredEvent;
import cn.pipelinetracker.events.ProjectSignedEvent;
import cn.pipelinetracker.events.ProjectVoidedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Keeps {@code milestone_fact}, the bitemporal facts behind the milestone statistics: each fact is known from the
 * time its event was recorded until a later correction, revision or void supersedes it. Each project's applied
 * version in {@code milestone_project} makes a redelivered event a no-op.
 */
@Component
@ProcessingGroup(MilestoneFactsProjection.PROCESSING_GROUP)
public class MilestoneFactsProjection {

    public static final String PROCESSING_GROUP = "milestone-facts";

    private final JdbcClient jdbc;

    public MilestoneFactsProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ProjectRegisteredEvent event, @Timestamp Instant recordedAt) {
        int inserted = jdbc.sql("""
                        INSERT INTO milestone_project (project_id, region_code, industry, source_region,
                            planned_investment_yuan, version)
                        VALUES (?, ?, ?, ?, ?, 1) ON CONFLICT (project_id) DO NOTHING""")
                .params(event.projectId(), event.regionCode().value(), event.industry().value(),
                        event.sourceRegion(), event.plannedInvestmentYuan().yuan())
                .update();
        if (inserted == 1) {
            addFact(event.projectId(), Milestone.REGISTERED, event.registeredOn(), 1, recordedAt);
        }
    }

    @EventHandler
    void on(ProjectSignedEvent event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        if (advance(event, sequence)) {
            if (event.contractedInvestmentYuan() != null) {
                revise(event.projectId(), event.contractedInvestmentYuan(), sequence + 1, recordedAt);
            }
            addFact(event.projectId(), Milestone.SIGNED, event.signedOn(), sequence + 1, recordedAt);
        }
    }

    @EventHandler
    void on(ConstructionStartedEvent event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        if (advance(event, sequence)) {
            addFact(event.projectId(), Milestone.CONSTRUCTION_STARTED, event.startedOn(), sequence + 1, recordedAt);
        }
    }

    @EventHandler
    void on(ConstructionCompletedEvent event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        if (advance(event, sequence)) {
            addFact(event.projectId(), Milestone.CONSTRUCTION_COMPLETED, event.completedOn(), sequence + 1,
                    recordedAt);
        }
    }

    @EventHandler
    void on(ProductionStartedEvent event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        if (advance(event, sequence)) {
            addFact(event.projectId(), Milestone.PRODUCTION_STARTED, event.startedOn(), sequence + 1, recordedAt);
        }
    }

    @EventHandler
    void on(PlannedInvestmentRevisedEvent event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        if (advance(event, sequence)) {
            revise(event.projectId(), event.plannedInvestmentYuan(), sequence + 1, recordedAt);
        }
    }

    @EventHandler
    void on(MilestoneDateCorrectedEvent event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        if (advance(event, sequence)) {
            jdbc.sql("""
                            UPDATE milestone_fact SET superseded_at = ?
                            WHERE project_id = ? AND milestone = ? AND superseded_at IS NULL""")
                    .params(java.sql.Timestamp.from(recordedAt), event.projectId(), event.milestone().name())
                    .update();
            addFact(event.projectId(), event.milestone(), event.date(), sequence + 1, recordedAt);
        }
    }

    /** A voided project was entered in error: from the time of the void, none of its facts count. */
    @EventHandler
    void on(ProjectVoidedEvent event, @SequenceNumber long sequence, @Timestamp Instant recordedAt) {
        if (advance(event, sequence)) {
            supersedeAll(event.projectId(), recordedAt);
        }
    }

    /** Events that change no statistic still advance the project's version. */
    @EventHandler
    void on(ProjectEvent event, @SequenceNumber long sequence) {
        advance(event, sequence);
    }

    /** Marks the event at {@code sequence} applied; false if it already was (a redelivery). */
    private boolean advance(ProjectEvent event, long sequence) {
        return jdbc.sql("UPDATE milestone_project SET version = ? WHERE project_id = ? AND version = ?")
                .params(sequence + 1, event.projectId(), sequence)
                .update() == 1;
    }

    /** The planned investment changed: every current fact is superseded by a copy with the new amount. */
    private void revise(String projectId, Money planned, long version, Instant recordedAt) {
        jdbc.sql("UPDATE milestone_project SET planned_investment_yuan = ? WHERE project_id = ?")
                .params(planned.yuan(), projectId).update();
        jdbc.sql("""
                        INSERT INTO milestone_fact (project_id, milestone, known_from_version, milestone_date,
                            region_code, industry, source_region, planned_investment_yuan, known_from)
                        SELECT project_id, milestone, ?, milestone_date, region_code, industry, source_region, ?, ?
                        FROM milestone_fact WHERE project_id = ? AND superseded_at IS NULL""")
                .params(version, planned.yuan(), java.sql.Timestamp.from(recordedAt), projectId)
                .update();
        jdbc.sql("""
                        UPDATE milestone_fact SET superseded_at = ?
                        WHERE project_id = ? AND superseded_at IS NULL AND known_from_version < ?""")
                .params(java.sql.Timestamp.from(recordedAt), projectId, version)
                .update();
    }

    private void supersedeAll(String projectId, Instant recordedAt) {
        jdbc.sql("UPDATE milestone_fact SET superseded_at = ? WHERE project_id = ? AND superseded_at IS NULL")
                .params(java.sql.Timestamp.from(recordedAt), projectId)
                .update();
    }

    private void addFact(String projectId, Milestone milestone, LocalDate date, long version, Instant recordedAt) {
        jdbc.sql("""
                        INSERT INTO milestone_fact (project_id, milestone, known_from_version, milestone_date,
                            region_code, industry, source_region, planned_investment_yuan, known_from)
                        SELECT project_id, ?, ?, ?, region_code, industry, source_region, planned_investment_yuan, ?
                        FROM milestone_project WHERE project_id = ?""")
                .params(milestone.name(), version, date, java.sql.Timestamp.from(recordedAt), projectId)
                .update();
    }
}
