package cn.pipelinetracker.command.ledger;

import cn.pipelinetracker.events.ConstructionCompletedEvent;
import cn.pipelinetracker.events.ConstructionStartedEvent;
import cn.pipelinetracker.events.Milestone;
import cn.pipelinetracker.events.MilestoneDateCorrectedEvent;
import cn.pipelinetracker.events.PlannedInvestmentRevisedEvent;
import cn.pipelinetracker.events.ProductionScope;
import cn.pipelinetracker.events.ProductionStartedEvent;
import cn.pipelinetracker.events.ProgressReportedEvent;
import cn.pipelinetracker.events.ProjectDetailsCorrectedEvent;
import cn.pipelinetracker.events.ProjectCancelledEvent;
import cn.pipelinetracker.events.ProjectEvent;
import cn.pipelinetracker.events.ProjectRegisteredEvent;
import cn.pipelinetracker.events.ProjectResumedEvent;
import cn.pipelinetracker.events.ProjectSignedEvent;
import cn.pipelinetracker.events.ProjectSuspendedEvent;
import cn.pipelinetracker.events.ProjectVoidedEvent;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;

/**
 * What the import compares a ledger row with: a project's current facts, folded from its own events as the event
 * store holds them (docs/decisions/0016-ledger.md), and its version (the number of its events).
 */
public final class ProjectState {

    enum Status { ACTIVE, SUSPENDED, CANCELLED, VOIDED }

    String projectId;
    String projectCode;
    String name;
    String investor;
    String industry;
    String sourceRegion;
    String regionCode;
    BigDecimal plannedInvestmentYuan;
    final Map<Milestone, LocalDate> milestones = new EnumMap<>(Milestone.class);
    ProductionScope productionScope;
    BigDecimal completedInvestmentYuan;
    BigDecimal constructionProgressPercent;
    BigDecimal fundsInPlaceYuan;
    LocalDate progressAsOf;
    Status status = Status.ACTIVE;
    long version;

    public Map<Milestone, LocalDate> milestones() {
        return Map.copyOf(milestones);
    }

    public BigDecimal plannedInvestmentYuan() {
        return plannedInvestmentYuan;
    }

    public boolean voided() {
        return status == Status.VOIDED;
    }

    public boolean cancelled() {
        return status == Status.CANCELLED;
    }

    void apply(ProjectEvent event) {
        version++;
        if (event instanceof ProjectRegisteredEvent registered) {
            projectId = registered.projectId();
            projectCode = registered.projectCode();
            name = registered.name();
            investor = registered.investor();
            industry = registered.industry().value();
            sourceRegion = registered.sourceRegion();
            regionCode = registered.regionCode().value();
            plannedInvestmentYuan = registered.plannedInvestmentYuan().yuan();
            milestones.put(Milestone.REGISTERED, registered.registeredOn());
        } else if (event instanceof ProjectSignedEvent signed) {
            milestones.put(Milestone.SIGNED, signed.signedOn());
            if (signed.contractedInvestmentYuan() != null) {
                plannedInvestmentYuan = signed.contractedInvestmentYuan().yuan();
            }
        } else if (event instanceof ConstructionStartedEvent started) {
            milestones.put(Milestone.CONSTRUCTION_STARTED, started.startedOn());
        } else if (event instanceof ConstructionCompletedEvent completed) {
            milestones.put(Milestone.CONSTRUCTION_COMPLETED, completed.completedOn());
        } else if (event instanceof ProductionStartedEvent production) {
            milestones.put(Milestone.PRODUCTION_STARTED, production.startedOn());
            productionScope = production.scope();
        } else if (event instanceof PlannedInvestmentRevisedEvent revised) {
            plannedInvestmentYuan = revised.plannedInvestmentYuan().yuan();
        } else if (event instanceof ProgressReportedEvent progress) {
            progressAsOf = progress.asOf();
            if (progress.completedInvestmentYuan() != null) {
                completedInvestmentYuan = progress.completedInvestmentYuan().yuan();
            }
            if (progress.constructionProgressPercent() != null) {
                constructionProgressPercent = progress.constructionProgressPercent();
            }
            if (progress.fundsInPlaceYuan() != null) {
                fundsInPlaceYuan = progress.fundsInPlaceYuan().yuan();
            }
        } else if (event instanceof ProjectDetailsCorrectedEvent details) {
            name = corrected(name, details.name());
            investor = corrected(investor, details.investor());
            industry = corrected(industry, details.industry());
            regionCode = corrected(regionCode, details.regionCode());
            projectCode = corrected(projectCode, details.projectCode());
            sourceRegion = corrected(sourceRegion, details.sourceRegion());
        } else if (event instanceof MilestoneDateCorrectedEvent corrected) {
            milestones.put(corrected.milestone(), corrected.date());
        } else if (event instanceof ProjectSuspendedEvent) {
            status = Status.SUSPENDED;
        } else if (event instanceof ProjectResumedEvent) {
            status = Status.ACTIVE;
        } else if (event instanceof ProjectCancelledEvent) {
            status = Status.CANCELLED;
        } else if (event instanceof ProjectVoidedEvent) {
            status = Status.VOIDED;
        }
    }

    private static String corrected(String recorded, ProjectDetailsCorrectedEvent.Change change) {
        return change == null ? recorded : change.after();
    }
}
