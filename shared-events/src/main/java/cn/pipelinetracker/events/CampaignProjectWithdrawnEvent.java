package cn.pipelinetracker.events;

import org.axonframework.serialization.Revision;

/** A project was taken out of a campaign before it was held; its bucket is free for another campaign again. */
@Revision("1")
public record CampaignProjectWithdrawnEvent(String campaignId, String projectId, CampaignBucket bucket)
        implements CampaignEvent {
}
