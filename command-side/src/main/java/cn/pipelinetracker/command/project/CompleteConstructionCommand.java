package cn.pipelinetracker.command.project;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

public record CompleteConstructionCommand(@TargetAggregateIdentifier String projectId, Long expectedVersion,
                                          LocalDate completedOn) implements ProjectCommand {
}
