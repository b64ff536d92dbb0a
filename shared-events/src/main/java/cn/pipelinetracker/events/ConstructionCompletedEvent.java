package cn.pipelinetracker.events;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/** Construction was completed (竣工). */
@Revision("1")
public record ConstructionCompletedEvent(String projectId, LocalDate completedOn) implements ProjectEvent {
}
