package cn.pipelinetracker.events;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/** Production started (投产), on part or all of the planned capacity. */
@Revision("1")
public record ProductionStartedEvent(String projectId, LocalDate startedOn, ProductionScope scope) implements ProjectEvent {
}
