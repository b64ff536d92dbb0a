package cn.pipelinetracker.command.project;

import cn.pipelinetracker.events.IndustryCode;
import cn.pipelinetracker.events.RegionCode;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Corrects facts recorded wrong at registration; a field left null is not corrected. */
public record CorrectDetailsCommand(@TargetAggregateIdentifier String projectId, Long expectedVersion, String name,
                                    String investor, IndustryCode industry, RegionCode regionCode, String projectCode,
                                    String sourceRegion, String reason) implements ProjectCommand {
}
