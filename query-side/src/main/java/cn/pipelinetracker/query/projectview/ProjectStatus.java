package cn.pipelinetracker.query.projectview;

/** Whether a project goes on (contract: {@code status}); written by {@link ProjectViewProjection}. */
public enum ProjectStatus {
    ACTIVE, SUSPENDED, CANCELLED, VOIDED
}
