package cn.pipelinetracker.command.campaign;

import cn.pipelinetracker.events.CampaignBucket;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record EnrolProjectCommand(@TargetAggregateIdentifier String campaignId, String projectId,
                                  CampaignBucket bucket) implements CampaignCommand {
}
