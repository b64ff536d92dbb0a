package cn.pipelinetracker.query.projectview;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A project as the contract's {@code GET /api/v1/projects/{id}} shows it. Unreached milestones are null;
 * {@code fundsInPlaceYuan} is the cumulative amount last reported and {@code progressAsOf} the day of the latest progress
 * report (both null before any).
 */
public record ProjectView(
        String projectId,
        String projectCode,
        String name,
        String investor,
        String regionCode,
        String industry,
        String sourceRegion,
        BigDecimal plannedInvestmentYuan,
        Stage stage,
        ProjectStatus status,
        LocalDate registeredOn,
        LocalDate signedOn,
        LocalDate constructionStartedOn,
        LocalDate constructionCompletedOn,
        LocalDate productionStartedOn,
        BigDecimal fundsInPlaceYuan,
        LocalDate progressAsOf,
        long version) {
}
