package cn.pipelinetracker.query.projectview;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A project as the contract's {@code GET /api/v1/projects/{id}} shows it. Unreached milestones are null. */
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
        long version) {
}
