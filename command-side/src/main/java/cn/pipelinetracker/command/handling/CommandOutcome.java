package cn.pipelinetracker.command.handling;

/**
 * An accepted command: the project, its version after the command (the number of events in its stream), the global
 * position of the last event stored, and whether this is the first outcome given again for a retried key.
 */
public record CommandOutcome(String projectId, long version, long position, boolean replayed) {
}
