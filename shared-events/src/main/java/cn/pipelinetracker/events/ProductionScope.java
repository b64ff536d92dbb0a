package cn.pipelinetracker.events;

/** Whether production started on part of the planned capacity or on all of it. */
public enum ProductionScope {
    PARTIAL,
    FULL
}
