package cn.pipelinetracker.events;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;
import java.util.List;

/**
 * The campaign was held on {@code heldOn}: from then on it takes no enrolment or withdrawal, and what it announced is
 * frozen here, per bucket, as the statistics counted its projects at that moment (their planned investment after
 * revisions; voided projects left out).
 */
@Revision("1")
public record CampaignHeldEvent(String campaignId, LocalDate heldOn, List<Announced> announced)
        implements CampaignEvent {

    /** What one bucket announced: how many projects, and their planned investment. */
    public record Announced(CampaignBucket bucket, long projects, Money plannedInvestmentYuan) {
    }

    public CampaignHeldEvent {
        announced = List.copyOf(announced);
    }
}
