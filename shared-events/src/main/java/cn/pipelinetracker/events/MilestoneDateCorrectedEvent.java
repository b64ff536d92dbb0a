package cn.pipelinetracker.events;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/**
 * The recorded date of a milestone the project had reached was wrong: from now on it is {@code date}.
 * {@code previousDate} is the date it replaces, kept so that the history reads as a correction.
 */
@Revision("1")
public record MilestoneDateCorrectedEvent(
        String projectId, Milestone milestone, LocalDate previousDate, LocalDate date, String reason) implements ProjectEvent {
}
