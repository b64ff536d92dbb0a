package cn.pipelinetracker.events;

/** The dated milestones of a project's life, in the order they are reached. */
public enum Milestone {
    REGISTERED,
    SIGNED,
    CONSTRUCTION_STARTED,
    CONSTRUCTION_COMPLETED,
    PRODUCTION_STARTED
}
