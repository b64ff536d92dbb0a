package cn.pipelinetracker.query.alerts;

import java.time.LocalDate;

/**
 * One alert (contract: {@code GET /api/v1/alerts}). {@code since} is the first day the project has been at this
 * level; {@code detail} says why, in the reader's language.
 */
public record Alert(String projectId, String name, String regionCode, AlertRule rule, AlertLevel level,
                    LocalDate since, String detail) {
}
