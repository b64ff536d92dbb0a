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
import cn.pipelinetracker.platform.security.Role;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The account's own decisions: what each command records. Who may send it is {@link AccountRules}' (tested over HTTP
 * in the deploy module, where the regions and the tables are).
 */
class AccountTest {

    private static final String NAME = "zq-li";
    private static final AccountCreatedEvent CREATED = new AccountCreatedEvent(NAME, "李明", "CLERK", "441200");

    private AggregateTestFixture<Account> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(Account.class);
    }

    @Test
    void aNewAccountIsRecordedWithItsRoleAndRegionAndNoPassword() {
        fixture.givenNoPriorActivity()
                .when(new CreateAccountCommand(NAME, "李明", Role.CLERK, "441200"))
                .expectEvents(CREATED);
    }

    @Test
    void aChangeRecordsOnlyWhatDiffers() {
        fixture.given(CREATED)
                .when(new ChangeAccountCommand(NAME, Role.CLERK, "441202", true, "李明"))
                .expectEvents(new AccountAccessChangedEvent(NAME, "CLERK", "441202"));
    }

    @Test
    void aChangeOfNameRoleAndStateRecordsEachOfThem() {
        fixture.given(CREATED)
                .when(new ChangeAccountCommand(NAME, Role.LEADER, null, false, "李明（端州）"))
                .expectEvents(new AccountDisplayNameChangedEvent(NAME, "李明（端州）"),
                        new AccountAccessChangedEvent(NAME, "LEADER", "441200"),
                        new AccountDisabledEvent(NAME));
    }

    @Test
    void aDisabledAccountIsEnabledAgain() {
        fixture.given(CREATED, new AccountDisabledEvent(NAME))
                .when(new ChangeAccountCommand(NAME, null, null, true, null))
                .expectEvents(new AccountEnabledEvent(NAME));
    }

    @Test
    void aChangeThatChangesNothingIsNotRecorded() {
        fixture.given(CREATED, new AccountDisabledEvent(NAME))
                .when(new ChangeAccountCommand(NAME, Role.CLERK, "441200", false, "李明"))
                .expectException(IllegalArgumentException.class)
                .expectNoEvents();
    }

    @Test
    void passwordsAreRecordedAsFactsWithoutThePassword() {
        fixture.given(CREATED)
                .when(new ResetPasswordCommand(NAME))
                .expectEvents(new AccountPasswordResetEvent(NAME));
        fixture.given(CREATED)
                .when(new ChangeOwnPasswordCommand(NAME))
                .expectEvents(new AccountPasswordChangedEvent(NAME));
    }
}
