package cn.pipelinetracker.command.account;

import cn.pipelinetracker.command.account.AccountCommand.ChangeAccountCommand;
import cn.pipelinetracker.command.account.AccountCommand.ChangeOwnPasswordCommand;
import cn.pipelinetracker.command.account.AccountCommand.CreateAccountCommand;
import cn.pipelinetracker.command.account.AccountCommand.ResetPasswordCommand;
import cn.pipelinetracker.events.AccountAccessChangedEvent;
import cn.pipelinetracker.events.AccountCreatedEvent;
import cn.pipelinetracker.events.AccountDisabledEvent;
import cn.pipelinetracker.events.AccountDisplayNameChangedEvent;
import cn.pipelinetracker.events.AccountEnabledEvent;
import cn.pipelinetracker.events.AccountPasswordChangedEvent;
import cn.pipelinetracker.events.AccountPasswordResetEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A user account kept by the application; its identity is the user name. Who may change which account is checked
 * before it sees a command ({@link AccountRules}); its events record what changed, never a password.
 */
@Aggregate
public class Account {

    @AggregateIdentifier
    private String name;
    private String displayName;
    private String role;
    private String regionCode;
    private boolean enabled;

    protected Account() {
        // for Axon: rebuilt from events
    }

    @CommandHandler
    public Account(CreateAccountCommand command) {
        apply(new AccountCreatedEvent(command.name(), command.displayName(), command.role().name(),
                command.regionCode()));
    }

    @CommandHandler
    void handle(ChangeAccountCommand command) {
        if (!changes(command)) {
            throw new IllegalArgumentException("the change of account " + name + " changes nothing");
        }
        if (command.displayName() != null && !command.displayName().equals(displayName)) {
            apply(new AccountDisplayNameChangedEvent(name, command.displayName()));
        }
        String newRole = command.role() != null ? command.role().name() : role;
        String newRegion = command.regionCode() != null ? command.regionCode() : regionCode;
        if (!newRole.equals(role) || !newRegion.equals(regionCode)) {
            apply(new AccountAccessChangedEvent(name, newRole, newRegion));
        }
        if (command.enabled() != null && command.enabled() != enabled) {
            apply(command.enabled() ? new AccountEnabledEvent(name) : new AccountDisabledEvent(name));
        }
    }

    /** Whether the command changes anything about this account (a change that does not is not sent). */
    private boolean changes(ChangeAccountCommand command) {
        return command.displayName() != null && !command.displayName().equals(displayName)
                || command.role() != null && !command.role().name().equals(role)
                || command.regionCode() != null && !command.regionCode().equals(regionCode)
                || command.enabled() != null && !Objects.equals(command.enabled(), enabled);
    }

    @CommandHandler
    void handle(ResetPasswordCommand command) {
        apply(new AccountPasswordResetEvent(name));
    }

    @CommandHandler
    void handle(ChangeOwnPasswordCommand command) {
        apply(new AccountPasswordChangedEvent(name));
    }

    @EventSourcingHandler
    void on(AccountCreatedEvent event) {
        name = event.name();
        displayName = event.displayName();
        role = event.role();
        regionCode = event.regionCode();
        enabled = true;
    }

    @EventSourcingHandler
    void on(AccountAccessChangedEvent event) {
        role = event.role();
        regionCode = event.regionCode();
    }

    @EventSourcingHandler
    void on(AccountDisplayNameChangedEvent event) {
        displayName = event.displayName();
    }

    @EventSourcingHandler
    void on(AccountDisabledEvent event) {
        enabled = false;
    }

    @EventSourcingHandler
    void on(AccountEnabledEvent event) {
        enabled = true;
    }
}
