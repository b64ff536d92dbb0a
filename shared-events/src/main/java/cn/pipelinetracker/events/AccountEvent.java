package cn.pipelinetracker.events;

/**
 * Every event of a user account's stream (the aggregate {@code Account}, identified by the user name). No event ever
 * carries a password, a password hash or a one-time password: credentials live in a table of their own, outside the
 * log. Each is stored under its class name: never move or rename one.
 */
public sealed interface AccountEvent
        permits AccountCreatedEvent, AccountAccessChangedEvent, AccountDisplayNameChangedEvent, AccountDisabledEvent,
        AccountEnabledEvent, AccountPasswordResetEvent, AccountPasswordChangedEvent {

    String name();
}
