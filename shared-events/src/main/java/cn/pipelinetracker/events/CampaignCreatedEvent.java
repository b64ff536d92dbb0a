package cn.pipelinetracker.events;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/** A campaign was planned: its name, the region whose projects it announces, and the day it is (to be) held. */
@Revision("1")
public record CampaignCreatedEvent(String campaignId, String name, RegionCode regionCode, LocalDate heldOn)
        implements CampaignEvent {
}
