package cn.pipelinetracker.command.account;

import cn.pipelinetracker.command.account.AccountCommand.ChangeAccountCommand;
import cn.pipelinetracker.command.account.AccountCommand.CreateAccountCommand;
import cn.pipelinetracker.command.account.AccountCommand.ResetPasswordCommand;
import cn.pipelinetracker.command.account.AccountTable.AccountRow;
import cn.pipelinetracker.command.handling.CommandEnvelope;
import cn.pipelinetracker.command.handling.CommandRefusal;
import cn.pipelinetracker.command.handling.CrossProjectRule;
import cn.pipelinetracker.command.projectregion.RegionRules;
import cn.pipelinetracker.platform.i18n.Phrase;
import cn.pipelinetracker.platform.reference.RegionTree;
import cn.pipelinetracker.platform.security.Role;
import cn.pipelinetracker.platform.security.Users;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import java.util.Set;

/**
 * Who may do what to which account, checked before the account sees the command, and the account table kept with
 * its events. Only an ADMIN sends account commands (the security rules let no other role reach them; the console's
 * actor has no region and reaches everything), so its reach is its region: it manages the accounts of its subtree,
 * grants no region outside it, and grants no role that reaches further than itself — an AUDITOR or a MONITOR reads the
 * whole province, so only an ADMIN of the root region grants those. The access rules come first: a refused admin
 * learns nothing else.
 */
@Configuration(proxyBeanMethods = false)
class AccountRules {

    /** Roles that reach every region, whatever their own: granted only by an ADMIN of the root region. */
    private static final Set<Role> WHOLE_TREE = Set.of(Role.AUDITOR, Role.MONITOR);

    /** With an identity provider configured its users sign in, not accounts kept here: none is created. */
    @Bean
    @Order(0)
    CrossProjectRule<CreateAccountCommand> accountsKeptHere(Users users) {
        return CrossProjectRule.of(CreateAccountCommand.class, (create, envelope) -> {
            if (!users.accountsKept()) {
                throw new CommandRefusal(CommandRefusal.Kind.CONFLICT, "accounts-kept-by-identity-provider", null,
                        Phrase.of("refusal.accounts-kept-by-identity-provider", "An identity provider is "
                                + "configured: users are kept there, and the application creates no accounts"));
            }
        });
    }

    @Bean
    @Order(0)
    CrossProjectRule<CreateAccountCommand> newAccountNamesAKnownRegion(RegionTree regions) {
        return CrossProjectRule.of(CreateAccountCommand.class, (create, envelope) ->
                RegionRules.requireKnownRegion(regions, create.regionCode(), "regionCode"));
    }

    @Bean
    @Order(1)
    CrossProjectRule<CreateAccountCommand> newAccountWithinTheAdminsReach(RegionTree regions) {
        return CrossProjectRule.of(CreateAccountCommand.class, (create, envelope) ->
                requireReach(regions, envelope, create.regionCode(), create.role()));
    }

    @Bean
    @Order(2)
    CrossProjectRule<CreateAccountCommand> accountNameNotTaken(AccountTable accounts, Users users) {
        return CrossProjectRule.of(CreateAccountCommand.class, (create, envelope) -> {
            if (accounts.find(create.name()).isPresent() || users.find(create.name()).isPresent()) {
                throw new CommandRefusal(CommandRefusal.Kind.CONFLICT, "account-name-taken", "name",
                        Phrase.of("refusal.account-name-taken", "the user name " + create.name() + " is taken",
                                create.name()));
            }
        });
    }

    @Bean
    @Order(10)
    CrossProjectRule<CreateAccountCommand> newAccountRecorded(AccountTable accounts) {
        return CrossProjectRule.of(CreateAccountCommand.class, (create, envelope) -> accounts.insert(create.name(),
                create.displayName(), create.role(), create.regionCode(), envelope.actor().name()));
    }

    /** Changing an account or resetting its password: the account exists and lies within the admin's reach. */
    @Bean
    @Order(1)
    CrossProjectRule<AccountCommand> accountWithinTheAdminsReach(RegionTree regions, AccountTable accounts,
                                                               Users users) {
        return CrossProjectRule.of(AccountCommand.class, (command, envelope) -> {
            if (command instanceof ChangeAccountCommand || command instanceof ResetPasswordCommand) {
                AccountRow account = existing(accounts, users, command.name());
                requireReach(regions, envelope, account.regionCode(), account.role());
            }
        });
    }

    @Bean
    @Order(2)
    CrossProjectRule<ChangeAccountCommand> changedAccessWithinTheAdminsReach(RegionTree regions,
                                                                             AccountTable accounts) {
        return CrossProjectRule.of(ChangeAccountCommand.class, (change, envelope) -> {
            if (change.regionCode() != null) {
                RegionRules.requireKnownRegion(regions, change.regionCode(), "regionCode");
            }
            AccountRow account = accounts.find(change.name()).orElseThrow();
            requireReach(regions, envelope, change.regionCode() != null ? change.regionCode() : account.regionCode(),
                    change.role() != null ? change.role() : account.role());
        });
    }

    @Bean
    @Order(10)
    CrossProjectRule<ChangeAccountCommand> changedAccountRecorded(AccountTable accounts) {
        return CrossProjectRule.of(ChangeAccountCommand.class, (change, envelope) -> {
            AccountRow now = accounts.find(change.name()).orElseThrow();
            accounts.update(new AccountRow(now.name(),
                    change.displayName() != null ? change.displayName() : now.displayName(),
                    change.role() != null ? change.role() : now.role(),
                    change.regionCode() != null ? change.regionCode() : now.regionCode(),
                    change.enabled() != null ? change.enabled() : now.enabled(), null, null), envelope.actor().name());
        });
    }

    /** The account kept under {@code name}; a configured user is not kept (409), no user at all is a 404. */
    static AccountRow existing(AccountTable accounts, Users users, String name) {
        return accounts.find(name).orElseThrow(() -> users.find(name).isPresent() ? keptInConfiguration(name)
                : new CommandRefusal(CommandRefusal.Kind.NOT_FOUND, "account-not-found", null,
                        Phrase.of("refusal.account-not-found", "No account named " + name, name)));
    }

    /** A user that signs in but is not an account kept here (configured, or the generated admin): 409. */
    static CommandRefusal keptInConfiguration(String name) {
        return new CommandRefusal(CommandRefusal.Kind.CONFLICT, "account-in-configuration", null,
                Phrase.of("refusal.account-in-configuration", "user " + name + " is kept in the configuration, not "
                        + "by the application: change it there", name));
    }

    private static void requireReach(RegionTree regions, CommandEnvelope envelope, String region, Role role) {
        String reach = envelope.actor().regionCode();
        if (reach == null) {
            return;
        }
        envelope.actor().requireRegion(regions, region, Phrase.of("subject.region", "Region " + region, region));
        if (WHOLE_TREE.contains(role) && !reach.equals(regions.root())) {
            throw new CommandRefusal(CommandRefusal.Kind.FORBIDDEN, "role-above-yours", "role",
                    Phrase.of("refusal.role-above-yours", "role " + role + " reads every region, beyond your "
                            + "region " + reach + ": only an administrator of the whole province grants it",
                            role.name(), reach));
        }
    }
}
