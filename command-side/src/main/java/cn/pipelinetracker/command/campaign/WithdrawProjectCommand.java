package cn.pipelinetracker.command.campaign;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record WithdrawProjectCommand(@TargetAggregateIdentifier String campaignId, String projectId)
        implements CampaignCommand {
}
