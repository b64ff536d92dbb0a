package cn.pipelinetracker.command.account;

import cn.pipelinetracker.command.account.AccountCommand.ChangeAccountCommand;
import cn.pipelinetracker.command.account.AccountCommand.CreateAccountCommand;
import cn.pipelinetracker.command.account.AccountCommand.ResetPasswordCommand;
import cn.pipelinetracker.command.account.AccountTable.AccountRow;
import cn.pipelinetracker.command.handling.CommandOutcome;
import cn.pipelinetracker.command.web.HttpCommands;
import cn.pipelinetracker.events.RegionCode;
import cn.pipelinetracker.platform.security.CurrentUser;
import cn.pipelinetracker.platform.security.PipelineUser;
import cn.pipelinetracker.platform.security.Role;
import cn.pipelinetracker.platform.security.Users;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Accounts kept by the application, for scripts and the admin page: list (an ADMIN sees its subtree), create (the
 * one-time password is shown in this answer only), change, reset a password; and a user's own password. Thin: who
 * may do what is {@link AccountRules}', what is stored {@link AccountAdministration}'s.
 */
@RestController
public class AccountController {

    /** A user name: letters, digits, {@code . _ -}, starting with a letter or digit. */
    static final String USER_NAME = "[A-Za-z0-9][A-Za-z0-9._-]{1,63}";

    /** An account as listed: kept by the application ({@code DATABASE}) or in the configuration. */
    public record UserView(String name, String displayName, Role role, String regionCode, boolean enabled,
                           String source) {
    }

    public record CreateUser(@NotBlank @Pattern(regexp = USER_NAME, message = "{field.user-name}") String name,
                             @NotBlank @Size(max = 200) String displayName,
                             @NotNull Role role,
                             @NotBlank @Pattern(regexp = RegionCode.WELL_FORMED, message = "{field.region-code}")
                             String regionCode) {
    }

    public record ChangeUser(Role role,
                             @Pattern(regexp = RegionCode.WELL_FORMED, message = "{field.region-code}")
                             String regionCode,
                             Boolean enabled,
                             @Size(min = 1, max = 200) String displayName) {
    }

    public record ChangeOwnPassword(@NotNull String currentPassword, @NotNull String newPassword) {
    }

    public record Created(String name, String initialPassword, long position) {
    }

    public record PasswordReset(String name, String initialPassword, long position) {
    }

    public record PasswordChanged(String name, long position) {
    }

    private final AccountAdministration administration;
    private final AccountTable accounts;
    private final Users users;
    private final CurrentUser currentUser;
    private final HttpCommands http;

    public AccountController(AccountAdministration administration, AccountTable accounts, Users users,
                             CurrentUser currentUser, HttpCommands http) {
        this.administration = administration;
        this.accounts = accounts;
        this.users = users;
        this.currentUser = currentUser;
        this.http = http;
    }

    @GetMapping(path = "/api/v1/admin/users", produces = "application/json")
    List<UserView> list() {
        Set<String> subtree = currentUser.subtree();
        List<UserView> views = new ArrayList<>();
        accounts.all().stream().filter(account -> subtree.contains(account.regionCode()))
                .forEach(account -> views.add(view(account)));
        users.notKept().stream().filter(user -> subtree.contains(user.regionCode()))
                .forEach(user -> views.add(new UserView(user.name(), user.name(), user.role(), user.regionCode(),
                        true, PipelineUser.Source.CONFIGURATION.name())));
        views.sort(Comparator.comparing(UserView::name));
        return views;
    }

    @PostMapping(path = "/api/v1/admin/users", produces = "application/json")
    ResponseEntity<Created> create(@Valid @RequestBody CreateUser body, HttpServletRequest request) {
        var done = administration.create(http.envelope(request, body, new CreateAccountCommand(body.name(),
                body.displayName().strip(), body.role(), body.regionCode())));
        return ResponseEntity.created(URI.create("/api/v1/admin/users/" + body.name()))
                .body(new Created(body.name(), done.oneTimePassword(), done.outcome().position()));
    }

    @PatchMapping(path = "/api/v1/admin/users/{name}", produces = "application/json")
    UserView change(@PathVariable String name, @Valid @RequestBody ChangeUser body, HttpServletRequest request) {
        administration.change(http.envelope(request, body, new ChangeAccountCommand(name, body.role(),
                body.regionCode(), body.enabled(), body.displayName() == null ? null : body.displayName().strip())));
        return view(accounts.find(name).orElseThrow());
    }

    @PostMapping(path = "/api/v1/admin/users/{name}/password-reset", produces = "application/json")
    PasswordReset resetPassword(@PathVariable String name, HttpServletRequest request) {
        var done = administration.resetPassword(http.envelope(request, name, new ResetPasswordCommand(name)));
        return new PasswordReset(name, done.oneTimePassword(), done.outcome().position());
    }

    @PostMapping(path = "/api/v1/me/password", produces = "application/json")
    PasswordChanged changeOwnPassword(@Valid @RequestBody ChangeOwnPassword body, HttpServletRequest request) {
        CommandOutcome outcome = administration.changeOwnPassword(http.envelope(request, "", null),
                body.currentPassword(), body.newPassword());
        return new PasswordChanged(outcome.aggregateId(), outcome.position());
    }

    private static UserView view(AccountRow account) {
        return new UserView(account.name(), account.displayName(), account.role(), account.regionCode(),
                account.enabled(), PipelineUser.Source.DATABASE.name());
    }
}
