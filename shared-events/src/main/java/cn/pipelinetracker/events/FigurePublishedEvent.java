package cn.pipelinetracker.events;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/**
 * A milestone figure was published (the only event of a publication's stream): its title, the question asked of the
 * milestone statistics (milestone, region subtree, business dates {@code from}–{@code to} inclusive, optional
 * industry and source region), the answer given, and the position of the log the answer reflects — the projections
 * had processed every event up to it. {@code periodId} names the closed month whose figure this is, or is null for
 * a figure published by hand. The publication's time is the event's recorded time.
 */
@Revision("1")
public record FigurePublishedEvent(
        String publicationId, String title, Milestone milestone, RegionCode regionCode, LocalDate from, LocalDate to,
        IndustryCode industry, String sourceRegion, long projects, Money plannedInvestmentYuan, long position,
        String periodId) {
}
