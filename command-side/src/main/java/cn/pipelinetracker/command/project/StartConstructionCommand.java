package cn.pipelinetracker.command.project;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

public record StartConstructionCommand(@TargetAggregateIdentifier String projectId, Long expectedVersion,
                                       LocalDate startedOn) implements ProjectCommand {
}
