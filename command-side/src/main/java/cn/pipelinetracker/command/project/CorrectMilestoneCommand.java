package cn.pipelinetracker.command.project;

import cn.pipelinetracker.events.Milestone;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

public record CorrectMilestoneCommand(@TargetAggregateIdentifier String projectId, Long expectedVersion,
                                      Milestone milestone, LocalDate date, String reason) implements ProjectCommand {
}
