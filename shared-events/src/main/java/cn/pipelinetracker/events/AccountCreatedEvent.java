package cn.pipelinetracker.events;

import org.axonframework.serialization.Revision;

/** A user account was created, enabled, with a one-time password it must change at its first sign-in. */
@Revision("1")
public record AccountCreatedEvent(String name, String displayName, String role, String regionCode)
        implements AccountEvent {
}
