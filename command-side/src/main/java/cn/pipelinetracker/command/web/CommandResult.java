package cn.pipelinetracker.command.web;

import cn.pipelinetracker.command.handling.CommandOutcome;

/**
 * What every accepted command answers: the project, its version after the command (the number of events in its
 * stream) and the global position of the event stored, for {@code awaitPosition} on the query side.
 */
public record CommandResult(String projectId, long version, long position) {

    public static CommandResult of(CommandOutcome outcome) {
        return new CommandResult(outcome.aggregateId(), outcome.version(), outcome.position());
    }
}
