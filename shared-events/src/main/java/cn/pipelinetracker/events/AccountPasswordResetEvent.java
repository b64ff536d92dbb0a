package cn.pipelinetracker.events;

import org.axonframework.serialization.Revision;

/** Someone else gave the account a new one-time password, which it must change at its next sign-in. */
@Revision("1")
public record AccountPasswordResetEvent(String name) implements AccountEvent {
}
