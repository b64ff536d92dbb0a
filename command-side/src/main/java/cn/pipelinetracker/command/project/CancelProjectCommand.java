package cn.pipelinetracker.command.project;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CancelProjectCommand(@TargetAggregateIdentifier String projectId, Long expectedVersion,
                                   String reason) implements ProjectCommand {
}
