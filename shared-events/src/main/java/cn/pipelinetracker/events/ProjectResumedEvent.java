package cn.pipelinetracker.events;

import org.axonframework.serialization.Revision;

/** A suspended project was resumed; {@code reason} may be null. */
@Revision("1")
public record ProjectResumedEvent(String projectId, String reason) implements ProjectEvent {
}
