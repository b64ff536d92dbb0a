package cn.pipelinetracker.events;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A progress report as of a date: the investment completed so far and/or how far construction is (0–100 %).
 * At least one of the two is present.
 */
@Revision("1")
public record ProgressReportedEvent(
        String projectId, LocalDate asOf, Money completedInvestmentYuan, BigDecimal constructionProgressPercent) implements ProjectEvent {
}
