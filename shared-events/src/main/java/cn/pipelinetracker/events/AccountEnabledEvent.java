package cn.pipelinetracker.events;

import org.axonframework.serialization.Revision;

/** A disabled account may sign in again. */
@Revision("1")
public record AccountEnabledEvent(String name) implements AccountEvent {
}
