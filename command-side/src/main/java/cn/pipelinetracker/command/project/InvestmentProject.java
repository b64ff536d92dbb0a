package cn.pipelinetracker.command.project;

import cn.pipelinetracker.events.ConstructionCompletedEvent;
import cn.pipelinetracker.events.ConstructionStartedEvent;
import cn.pipelinetracker.events.MilestoneDateCorrectedEvent;
import cn.pipelinetracker.events.Milestone;
import cn.pipelinetracker.events.PlannedInvestmentRevisedEvent;
import cn.pipelinetracker.events.ProductionScope;
import cn.pipelinetracker.events.ProductionStartedEvent;
import cn.pipelinetracker.events.ProgressReportedEvent;
import cn.pipelinetracker.events.ProjectCancelledEvent;
import cn.pipelinetracker.events.ProjectDetailsCorrectedEvent;
import cn.pipelinetracker.events.ProjectDetailsCorrectedEvent.Change;
import cn.pipelinetracker.events.ProjectRegisteredEvent;
import cn.pipelinetracker.events.ProjectResumedEvent;
import cn.pipelinetracker.events.ProjectSignedEvent;
import cn.pipelinetracker.events.ProjectSuspendedEvent;
import cn.pipelinetracker.events.ProjectVoidedEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static cn.pipelinetracker.command.project.ProjectRule.*;
import static cn.pipelinetracker.events.Milestone.*;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An industrial investment project, from registration to production. Command handlers check the rules of
 * {@link ProjectRule} and apply events; event sourcing handlers only assign state.
 */
@Aggregate(commandTargetResolver = "projectCommandTargetResolver")
public class InvestmentProject {

    /** Pairs of milestones whose dates must not be out of order (earlier, later), whenever both are reached. */
    private static final List<Milestone[]> DATE_ORDER = List.of(
            new Milestone[]{REGISTERED, SIGNED},
            new Milestone[]{SIGNED, CONSTRUCTION_STARTED},
            new Milestone[]{CONSTRUCTION_STARTED, CONSTRUCTION_COMPLETED},
            new Milestone[]{CONSTRUCTION_STARTED, PRODUCTION_STARTED});

    private enum Status { ACTIVE, SUSPENDED, CANCELLED, VOIDED }

    private static final String NAME = "name";
    private static final String INVESTOR = "investor";
    private static final String INDUSTRY = "industry";
    private static final String REGION = "regionCode";
    private static final String CODE = "projectCode";
    private static final String SOURCE = "sourceRegion";

    @AggregateIdentifier
    private String projectId;
    private Status status;
    /** What was registered (and corrected since): name, investor, industry, region, code, source region. */
    private final Map<String, String> details = new HashMap<>();
    private final Map<Milestone, LocalDate> reached = new EnumMap<>(Milestone.class);

    protected InvestmentProject() {
        // for Axon: rebuilt from events
    }

    @CommandHandler
    public InvestmentProject(RegisterProjectCommand command, Clock clock) {
        requireNotInFuture("registeredOn", command.registeredOn(), clock);
        apply(new ProjectRegisteredEvent(command.projectId(), command.projectCode(), command.name(),
                command.investor(), command.regionCode(), command.industry(), command.sourceRegion(),
                command.plannedInvestmentYuan(), command.registeredOn(), command.landAreaMu(),
                command.expectedJobs(), command.tags()));
    }

    /** Gates every command on an existing project passes first: the caller's version, then a terminal state. */
    @CommandHandlerInterceptor
    public void checkGates(ProjectCommand command) {
        long version = AggregateLifecycle.getVersion() + 1;
        if (command.expectedVersion() != null && command.expectedVersion() != version) {
            throw new ProjectRuleViolation(EXPECTED_VERSION_MUST_MATCH, "If-Match expected version "
                    + command.expectedVersion() + ", but the project is at version " + version,
                    command.expectedVersion().toString(), Long.toString(version));
        }
        // details recorded wrong stay correctable on a cancelled project, which still counts where it was signed
        boolean correction = command instanceof CorrectDetailsCommand;
        if (status == Status.VOIDED || status == Status.CANCELLED && !correction) {
            throw new ProjectRuleViolation(NOTHING_AFTER_CANCEL_OR_VOID,
                    "the project is " + status.name().toLowerCase() + "; it accepts no further command", status);
        }
    }

    @CommandHandler
    public void handle(SignProjectCommand command, Clock clock) {
        reach(SIGNED, "signedOn", command.signedOn(), clock, REGISTERED);
        apply(new ProjectSignedEvent(projectId, command.signedOn(), command.contractedInvestmentYuan()));
    }

    @CommandHandler
    public void handle(StartConstructionCommand command, Clock clock) {
        reach(CONSTRUCTION_STARTED, "startedOn", command.startedOn(), clock, SIGNED);
        apply(new ConstructionStartedEvent(projectId, command.startedOn()));
    }

    @CommandHandler
    public void handle(CompleteConstructionCommand command, Clock clock) {
        reach(CONSTRUCTION_COMPLETED, "completedOn", command.completedOn(), clock, CONSTRUCTION_STARTED);
        apply(new ConstructionCompletedEvent(projectId, command.completedOn()));
    }

    @CommandHandler
    public void handle(StartProductionCommand command, Clock clock) {
        reach(PRODUCTION_STARTED, "startedOn", command.startedOn(), clock, CONSTRUCTION_STARTED);
        ProductionScope scope = command.scope() == null ? ProductionScope.FULL : command.scope();
        apply(new ProductionStartedEvent(projectId, command.startedOn(), scope));
    }

    @CommandHandler
    public void handle(ReviseInvestmentCommand command) {
        apply(new PlannedInvestmentRevisedEvent(projectId, command.plannedInvestmentYuan(), command.reason()));
    }

    @CommandHandler
    public void handle(ReportProgressCommand command, Clock clock) {
        requireNotInFuture("asOf", command.asOf(), clock);
        if (command.asOf().isBefore(reached.get(REGISTERED))) {
            throw new ProjectRuleViolation(PROGRESS_NOT_BEFORE_REGISTRATION, "asOf " + command.asOf()
                    + " is before the project was registered on " + reached.get(REGISTERED),
                    command.asOf().toString(), reached.get(REGISTERED).toString());
        }
        apply(new ProgressReportedEvent(projectId, command.asOf(), command.completedInvestmentYuan(),
                command.constructionProgressPercent(), command.fundsInPlaceYuan()));
    }

    @CommandHandler
    public void handle(SuspendProjectCommand command) {
        if (status != Status.ACTIVE) {
            throw new ProjectRuleViolation(SUSPEND_ONLY_WHEN_ACTIVE, "the project is already suspended");
        }
        apply(new ProjectSuspendedEvent(projectId, command.reason()));
    }

    @CommandHandler
    public void handle(ResumeProjectCommand command) {
        if (status != Status.SUSPENDED) {
            throw new ProjectRuleViolation(RESUME_ONLY_WHEN_SUSPENDED, "the project is not suspended");
        }
        apply(new ProjectResumedEvent(projectId, command.reason()));
    }

    @CommandHandler
    public void handle(CancelProjectCommand command) {
        apply(new ProjectCancelledEvent(projectId, command.reason()));
    }

    @CommandHandler
    public void handle(VoidProjectCommand command) {
        apply(new ProjectVoidedEvent(projectId, command.reason()));
    }

    @CommandHandler
    public void handle(CorrectMilestoneCommand command, Clock clock) {
        requireNotInFuture("date", command.date(), clock);
        LocalDate previous = reached.get(command.milestone());
        if (previous == null) {
            throw new ProjectRuleViolation(CORRECT_ONLY_REACHED_MILESTONES,
                    "the project has not reached " + command.milestone() + "; there is no date to correct",
                    command.milestone());
        }
        requireDatesInOrder(command.milestone(), command.date());
        apply(new MilestoneDateCorrectedEvent(projectId, command.milestone(), previous, command.date(),
                command.reason()));
    }

    /** Registered details corrected: each field given and different from what is recorded; at least one. */
    @CommandHandler
    public void handle(CorrectDetailsCommand command) {
        Map<String, Change> changes = new HashMap<>();
        changed(changes, NAME, command.name());
        changed(changes, INVESTOR, command.investor());
        changed(changes, INDUSTRY, command.industry() == null ? null : command.industry().value());
        changed(changes, REGION, command.regionCode() == null ? null : command.regionCode().value());
        changed(changes, CODE, command.projectCode());
        changed(changes, SOURCE, command.sourceRegion());
        if (changes.isEmpty()) {
            throw new ProjectRuleViolation(CORRECTION_CHANGES_SOMETHING,
                    "nothing to correct: every value given is the one already recorded");
        }
        apply(new ProjectDetailsCorrectedEvent(projectId, changes.get(NAME), changes.get(INVESTOR),
                changes.get(INDUSTRY), changes.get(REGION), changes.get(CODE), changes.get(SOURCE),
                command.reason()));
    }

    private void changed(Map<String, Change> changes, String field, String given) {
        if (given != null && !given.equals(details.get(field))) {
            changes.put(field, new Change(details.get(field), given));
        }
    }

    /** The checks of reaching a milestone: a real date, not while suspended, once, after its prerequisite, in order. */
    private void reach(Milestone milestone, String field, LocalDate date, Clock clock, Milestone prerequisite) {
        requireNotInFuture(field, date, clock);
        if (status == Status.SUSPENDED) {
            throw new ProjectRuleViolation(NOTHING_ADVANCES_WHILE_SUSPENDED,
                    "the project is suspended; resume it before it can reach " + milestone, milestone);
        }
        if (reached.containsKey(milestone)) {
            throw new ProjectRuleViolation(MILESTONE_REACHED_ONCE,
                    "the project reached " + milestone + " on " + reached.get(milestone) + " already",
                    milestone, reached.get(milestone).toString());
        }
        if (!reached.containsKey(prerequisite)) {
            throw new ProjectRuleViolation(STAGES_IN_ORDER,
                    "the project must reach " + prerequisite + " before " + milestone, prerequisite, milestone);
        }
        requireDatesInOrder(milestone, date);
    }

    private void requireDatesInOrder(Milestone milestone, LocalDate date) {
        Map<Milestone, LocalDate> dates = new EnumMap<>(reached);
        dates.put(milestone, date);
        for (Milestone[] pair : DATE_ORDER) {
            LocalDate earlier = dates.get(pair[0]);
            LocalDate later = dates.get(pair[1]);
            if (earlier != null && later != null && earlier.isAfter(later)) {
                throw new ProjectRuleViolation(DATES_IN_ORDER, fieldOf(pair[1]) + " " + later
                        + " would be before " + fieldOf(pair[0]) + " " + earlier, fieldOf(pair[1]), later.toString(),
                        fieldOf(pair[0]), earlier.toString());
            }
        }
    }

    private static void requireNotInFuture(String field, LocalDate date, Clock clock) {
        LocalDate today = LocalDate.now(clock);
        if (date.isAfter(today)) {
            throw ProjectRuleViolation.ofField(NO_FUTURE_DATES, field,
                    field + " " + date + " is in the future (today is " + today + ")", field, date.toString(),
                    today.toString());
        }
    }

    static String fieldOf(Milestone milestone) {
        return switch (milestone) {
            case REGISTERED -> "registeredOn";
            case SIGNED -> "signedOn";
            case CONSTRUCTION_STARTED -> "constructionStartedOn";
            case CONSTRUCTION_COMPLETED -> "constructionCompletedOn";
            case PRODUCTION_STARTED -> "productionStartedOn";
        };
    }

    @EventSourcingHandler
    void on(ProjectRegisteredEvent event) {
        projectId = event.projectId();
        status = Status.ACTIVE;
        reached.put(REGISTERED, event.registeredOn());
        details.put(NAME, event.name());
        details.put(INVESTOR, event.investor());
        details.put(INDUSTRY, event.industry().value());
        details.put(REGION, event.regionCode().value());
        details.put(CODE, event.projectCode());
        details.put(SOURCE, event.sourceRegion());
    }

    @EventSourcingHandler
    void on(ProjectDetailsCorrectedEvent event) {
        corrected(NAME, event.name());
        corrected(INVESTOR, event.investor());
        corrected(INDUSTRY, event.industry());
        corrected(REGION, event.regionCode());
        corrected(CODE, event.projectCode());
        corrected(SOURCE, event.sourceRegion());
    }

    private void corrected(String field, Change change) {
        if (change != null) {
            details.put(field, change.after());
        }
    }

    @EventSourcingHandler
    void on(ProjectSignedEvent event) {
        reached.put(SIGNED, event.signedOn());
    }

    @EventSourcingHandler
    void on(ConstructionStartedEvent event) {
        reached.put(CONSTRUCTION_STARTED, event.startedOn());
    }

    @EventSourcingHandler
    void on(ConstructionCompletedEvent event) {
        reached.put(CONSTRUCTION_COMPLETED, event.completedOn());
    }

    @EventSourcingHandler
    void on(ProductionStartedEvent event) {
        reached.put(PRODUCTION_STARTED, event.startedOn());
    }

    @EventSourcingHandler
    void on(MilestoneDateCorrectedEvent event) {
        reached.put(event.milestone(), event.date());
    }

    @EventSourcingHandler
    void on(ProjectSuspendedEvent event) {
        status = Status.SUSPENDED;
    }

    @EventSourcingHandler
    void on(ProjectResumedEvent event) {
        status = Status.ACTIVE;
    }

    @EventSourcingHandler
    void on(ProjectCancelledEvent event) {
        status = Status.CANCELLED;
    }

    @EventSourcingHandler
    void on(ProjectVoidedEvent event) {
        status = Status.VOIDED;
    }
}
