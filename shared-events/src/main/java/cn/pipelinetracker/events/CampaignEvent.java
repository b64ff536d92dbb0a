package cn.pipelinetracker.events;

/** Every event of a campaign's stream. Each is stored under its class name: never move or rename one. */
public sealed interface CampaignEvent
        permits CampaignCreatedEvent, CampaignProjectEnrolledEvent, CampaignProjectWithdrawnEvent, CampaignHeldEvent {

    String campaignId();
}
