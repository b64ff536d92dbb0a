package cn.pipelinetracker.command.handling;

/**
 * An accepted command: the aggregate it went to (a project, a campaign, a publication, a period or an account), its
 * version after the command (the number of events in its stream), the global position of the last event stored, and
 * whether this is the first outcome given again for a retried key.
 */
public record CommandOutcome(String aggregateId, long version, long position, boolean replayed) {
}
