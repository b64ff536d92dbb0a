package cn.pipelinetracker.events;

import org.axonframework.serialization.Revision;

/**
 * The project was cancelled. Terminal. The milestones it reached stay counted in the periods they were
 * reached in.
 */
@Revision("1")
public record ProjectCancelledEvent(String projectId, String reason) implements ProjectEvent {
}
