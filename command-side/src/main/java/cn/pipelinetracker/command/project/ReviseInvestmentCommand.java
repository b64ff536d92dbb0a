package cn.pipelinetracker.command.project;

import cn.pipelinetracker.events.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ReviseInvestmentCommand(@TargetAggregateIdentifier String projectId, Long expectedVersion,
                                      Money plannedInvestmentYuan, String reason) implements ProjectCommand {
}
