package cn.pipelinetracker.events;

import org.axonframework.serialization.Revision;

/**
 * The project was entered in error. Terminal, and it drops out of every statistic; its history stays.
 */
@Revision("1")
public record ProjectVoidedEvent(String projectId, String reason) implements ProjectEvent {
}
