package cn.pipelinetracker.events;

import org.axonframework.serialization.Revision;

/** The name shown for the account changed. */
@Revision("1")
public record AccountDisplayNameChangedEvent(String name, String displayName) implements AccountEvent {
}
