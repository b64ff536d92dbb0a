package cn.pipelinetracker.query.projectview;

/**
 * The furthest milestone a project has reached (contract: {@code stage}). {@code project_view.stage} derives it in SQL
 * from the milestone dates; the dashboard's scripts name the same values.
 */
public enum Stage {
    REGISTERED, SIGNED, UNDER_CONSTRUCTION, CONSTRUCTED, IN_PRODUCTION
}
