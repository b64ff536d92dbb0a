package cn.pipelinetracker.command.account;

import cn.pipelinetracker.platform.security.Role;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The commands of an {@link Account}; {@code name} is the user name, the account's identity. */
public sealed interface AccountCommand {

    String name();

    /** A new account, with a one-time password (kept apart: see {@link AccountAdministration}). */
    record CreateAccountCommand(@TargetAggregateIdentifier String name, String displayName, Role role,
                                String regionCode) implements AccountCommand {
    }

    /** Any of role, region, enabled and display name; null leaves it as it is. At least one must change. */
    record ChangeAccountCommand(@TargetAggregateIdentifier String name, Role role, String regionCode, Boolean enabled,
                                String displayName) implements AccountCommand {
    }

    /** Someone else sets a new one-time password. */
    record ResetPasswordCommand(@TargetAggregateIdentifier String name) implements AccountCommand {
    }

    /** The user chooses its own password. */
    record ChangeOwnPasswordCommand(@TargetAggregateIdentifier String name) implements AccountCommand {
    }
}
