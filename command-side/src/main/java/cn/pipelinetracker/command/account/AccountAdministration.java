package cn.pipelinetracker.command.account;

import cn.pipelinetracker.command.account.AccountCommand.ChangeAccountCommand;
import cn.pipelinetracker.command.account.AccountCommand.ChangeOwnPasswordCommand;
import cn.pipelinetracker.command.account.AccountCommand.CreateAccountCommand;
import cn.pipelinetracker.command.account.AccountCommand.ResetPasswordCommand;
import cn.pipelinetracker.command.account.AccountTable.AccountRow;
import cn.pipelinetracker.command.handling.CommandEnvelope;
import cn.pipelinetracker.command.handling.CommandOutcome;
import cn.pipelinetracker.command.handling.CommandRefusal;
import cn.pipelinetracker.command.handling.CommandSource;
import cn.pipelinetracker.command.handling.Commands;
import cn.pipelinetracker.platform.i18n.Phrase;
import cn.pipelinetracker.platform.reference.RegionTree;
import cn.pipelinetracker.platform.security.Passwords;
import cn.pipelinetracker.platform.security.Role;
import cn.pipelinetracker.platform.security.Users;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Account commands with what they do beside the log: every command goes through {@link Commands} (its rules, its
 * events, its chain), and in the same transaction the credentials it sets are stored — a one-time password made here
 * and handed back once, or the user's own. An Idempotency-Key is not honoured here: a retried creation is refused as a
 * taken name rather than answered without the one-time password it can no longer show.
 */
@Service
public class AccountAdministration {

    /** The actor of the console's reset: a person at the machine, outside any region. */
    public static final CommandEnvelope.Actor LOCAL_CONSOLE = new CommandEnvelope.Actor("local-console", null);

    /** An account command accepted, with the one-time password it set (null for none). */
    public record Done(CommandOutcome outcome, String oneTimePassword) {
    }

    private final Commands commands;
    private final AccountTable accounts;
    private final Users users;
    private final RegionTree regions;
    private final TransactionTemplate transaction;

    public AccountAdministration(Commands commands, AccountTable accounts, Users users, RegionTree regions,
                                 PlatformTransactionManager transactions) {
        this.commands = commands;
        this.accounts = accounts;
        this.users = users;
        this.regions = regions;
        this.transaction = new TransactionTemplate(transactions);
    }

    public Done create(CommandEnvelope envelope) {
        CreateAccountCommand create = (CreateAccountCommand) envelope.command();
        return withOneTimePassword(create.name(), () -> commands.handle(envelope.withoutIdempotencyKey()));
    }

    /** Changes what differs from the account as it is; a change that changes nothing stores nothing. */
    public Optional<CommandOutcome> change(CommandEnvelope envelope) {
        ChangeAccountCommand change = (ChangeAccountCommand) envelope.command();
        AccountRow now = AccountRules.existing(accounts, users, change.name());
        ChangeAccountCommand differences = new ChangeAccountCommand(change.name(),
                change.role() == now.role() ? null : change.role(),
                now.regionCode().equals(change.regionCode()) ? null : change.regionCode(),
                change.enabled() == null || change.enabled() == now.enabled() ? null : change.enabled(),
                now.displayName().equals(change.displayName()) ? null : change.displayName());
        if (differences.equals(new ChangeAccountCommand(change.name(), null, null, null, null))) {
            return Optional.empty();
        }
        return Optional.of(commands.handle(new CommandEnvelope(differences, envelope.actor(),
                envelope.correlationId(), null, null, envelope.source())));
    }

    public Done resetPassword(CommandEnvelope envelope) {
        return withOneTimePassword(((ResetPasswordCommand) envelope.command()).name(),
                () -> commands.handle(envelope.withoutIdempotencyKey()));
    }

    /**
     * The console's way back in: a one-time password for {@code admin}, created (ADMIN, the root region) if absent
     * and enabled again if disabled, recorded with the actor {@code local-console}.
     */
    public Done resetAdminFromConsole() {
        String admin = "admin";
        String correlationId = UUID.randomUUID().toString();
        return withOneTimePassword(admin, () -> {
            Optional<AccountRow> existing = accounts.find(admin);
            List<Object> sent = new ArrayList<>();
            if (existing.isEmpty()) {
                sent.add(new CreateAccountCommand(admin, admin, Role.ADMIN, regions.root()));
            } else if (!existing.get().enabled() || existing.get().role() != Role.ADMIN
                    || !existing.get().regionCode().equals(regions.root())) {
                sent.add(new ChangeAccountCommand(admin, Role.ADMIN, regions.root(), true, null));
            }
            sent.add(new ResetPasswordCommand(admin));
            List<CommandOutcome> outcomes = commands.handleGroup(sent.stream()
                    .map(command -> new CommandEnvelope(command, LOCAL_CONSOLE, correlationId, null, null,
                            CommandSource.CONSOLE))
                    .toList());
            return outcomes.get(outcomes.size() - 1);
        });
    }

    /** The signed-in user's own password: the current one is required, the new one must pass {@link Passwords}. */
    public CommandOutcome changeOwnPassword(CommandEnvelope envelope, String currentPassword, String newPassword) {
        String name = envelope.actor().name();
        if (accounts.find(name).isEmpty()) {
            throw AccountRules.keptInConfiguration(name);
        }
        if (!accounts.passwordMatches(name, currentPassword)) {
            throw new CommandRefusal(CommandRefusal.Kind.INVALID, "invalid-request", "currentPassword",
                    Phrase.of("password.current-wrong", "is not your current password"));
        }
        Passwords.problem(name, newPassword).ifPresent(problem -> {
            throw new CommandRefusal(CommandRefusal.Kind.INVALID, "invalid-request", "newPassword", problem);
        });
        if (newPassword.equals(currentPassword)) {
            throw new CommandRefusal(CommandRefusal.Kind.INVALID, "invalid-request", "newPassword",
                    Phrase.of("password.unchanged", "must differ from the current password"));
        }
        return transaction.execute(status -> {
            CommandOutcome outcome = commands.handle(new CommandEnvelope(
                    new ChangeOwnPasswordCommand(name), envelope.actor(), envelope.correlationId(), null, null,
                    envelope.source()));
            accounts.setPassword(name, newPassword, false);
            return outcome;
        });
    }

    private Done withOneTimePassword(String name, Supplier<CommandOutcome> command) {
        String password = Passwords.random();
        CommandOutcome outcome = transaction.execute(status -> {
            CommandOutcome accepted = command.get();
            accounts.setPassword(name, password, true);
            return accepted;
        });
        return new Done(outcome, password);
    }
}
