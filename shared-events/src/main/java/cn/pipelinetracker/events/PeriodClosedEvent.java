package cn.pipelinetracker.events;

import org.axonframework.serialization.Revision;

/**
 * A month's figures for a region subtree are final (月度关账): until it is reopened, no command may put a date into
 * the month or take one out of it there. {@code periodId} is {@code regionCode:month}, {@code month} is
 * {@code YYYY-MM}.
 */
@Revision("1")
public record PeriodClosedEvent(String periodId, RegionCode regionCode, String month) {
}
