package cn.pipelinetracker.events;

import org.axonframework.serialization.Revision;

/** A closed month was formally reopened, for the reason given: its dates may change again until it is closed anew. */
@Revision("1")
public record PeriodReopenedEvent(String periodId, RegionCode regionCode, String month, String reason) {
}
