package cn.pipelinetracker.events;

/** Every event of an investment project's stream. Each is stored under its class name: never move or rename one. */
public sealed interface ProjectEvent
        permits ProjectRegisteredEvent, ProjectSignedEvent, ConstructionStartedEvent, ConstructionCompletedEvent,
        ProductionStartedEvent, PlannedInvestmentRevisedEvent, ProgressReportedEvent, ProjectSuspendedEvent,
        ProjectResumedEvent, ProjectCancelledEvent, ProjectVoidedEvent, MilestoneDateCorrectedEvent,
        ProjectDetailsCorrectedEvent {

    String projectId();
}
