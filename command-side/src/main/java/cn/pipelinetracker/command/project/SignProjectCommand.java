package cn.pipelinetracker.command.project;

import cn.pipelinetracker.events.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

public record SignProjectCommand(@TargetAggregateIdentifier String projectId, Long expectedVersion,
                                 LocalDate signedOn, Money contractedInvestmentYuan) implements ProjectCommand {
}
