package cn.pipelinetracker.events;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A progress report as of a date: the investment completed so far, how far construction is (0–100 %) and the funds
 * actually arrived so far (资金到位, cumulative). At least one of the three is present.
 * <p>
 * Revision 2 added {@code fundsInPlaceYuan}; revision 1 events are read through
 * {@link cn.pipelinetracker.events.upcasting.ProgressReportedEvent1To2Upcaster} (no funds reported: null).
 */
@Revision("2")
public record ProgressReportedEvent(
        String projectId, LocalDate asOf, Money completedInvestmentYuan, BigDecimal constructionProgressPercent,
        Money fundsInPlaceYuan) implements ProjectEvent {
}
