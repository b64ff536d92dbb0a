package cn.pipelinetracker.command.campaign;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record HoldCampaignCommand(@TargetAggregateIdentifier String campaignId) implements CampaignCommand {
}
