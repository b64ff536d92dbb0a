package cn.pipelinetracker.events;

import org.axonframework.serialization.Revision;

/** The planned investment was revised to a new total. */
@Revision("1")
public record PlannedInvestmentRevisedEvent(String projectId, Money plannedInvestmentYuan, String reason) implements ProjectEvent {
}
