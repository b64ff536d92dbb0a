package cn.pipelinetracker.events;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/** Construction started (开工). */
@Revision("1")
public record ConstructionStartedEvent(String projectId, LocalDate startedOn) implements ProjectEvent {
}
