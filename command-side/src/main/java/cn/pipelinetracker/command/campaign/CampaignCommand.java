package cn.pipelinetracker.command.campaign;

/** What every command on an existing campaign carries: the campaign. */
public interface CampaignCommand {

    String campaignId();
}
