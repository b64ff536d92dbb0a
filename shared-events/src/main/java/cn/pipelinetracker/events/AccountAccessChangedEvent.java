package cn.pipelinetracker.events;

import org.axonframework.serialization.Revision;

/** The account's role or region changed (both are given as they are from now on). */
@Revision("1")
public record AccountAccessChangedEvent(String name, String role, String regionCode) implements AccountEvent {
}
