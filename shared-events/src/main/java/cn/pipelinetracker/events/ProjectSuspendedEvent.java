package cn.pipelinetracker.events;

import org.axonframework.serialization.Revision;

/** The project was suspended (停工/暂缓): no milestone can be reached until it is resumed. */
@Revision("1")
public record ProjectSuspendedEvent(String projectId, String reason) implements ProjectEvent {
}
