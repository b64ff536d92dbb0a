package cn.pipelinetracker.events;

import org.axonframework.serialization.Revision;

/** A project was enrolled in one bucket of a campaign. */
@Revision("1")
public record CampaignProjectEnrolledEvent(String campaignId, String projectId, CampaignBucket bucket)
        implements CampaignEvent {
}
