package cn.pipelinetracker.events;

import org.axonframework.serialization.Revision;

/** The account's user chose a new password of its own (giving the current one). */
@Revision("1")
public record AccountPasswordChangedEvent(String name) implements AccountEvent {
}
