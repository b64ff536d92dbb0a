package cn.pipelinetracker.events;

import org.axonframework.serialization.Revision;

/** The account may no longer sign in; its open sessions end at their next request. */
@Revision("1")
public record AccountDisabledEvent(String name) implements AccountEvent {
}
