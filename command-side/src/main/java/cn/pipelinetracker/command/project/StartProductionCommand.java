package cn.pipelinetracker.command.project;

import cn.pipelinetracker.events.ProductionScope;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

public record StartProductionCommand(@TargetAggregateIdentifier String projectId, Long expectedVersion,
                                     LocalDate startedOn, ProductionScope scope) implements ProjectCommand {
}
