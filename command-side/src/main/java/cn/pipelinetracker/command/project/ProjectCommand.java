package cn.pipelinetracker.command.project;

/**
 * What every command on an existing project carries: the project, and optionally the version the caller last saw
 * ({@code If-Match}); a stale one is refused.
 */
public interface ProjectCommand {

    String projectId();

    /** The number of events the caller expects the project to have, or null for "whatever it has". */
    Long expectedVersion();
}
