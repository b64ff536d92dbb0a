package cn.pipelinetracker.command.account;

import cn.pipelinetracker.command.handling.CommandRefusal;
import cn.pipelinetracker.command.web.HttpCommands;
import cn.pipelinetracker.platform.security.CurrentUser;
import cn.pipelinetracker.platform.security.FormPages;
import cn.pipelinetracker.platform.security.Passwords;
import cn.pipelinetracker.platform.web.ProblemMessages;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.HtmlUtils;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The page of one's own password, in Chinese and English at once, in the sign-in form's look: where a user signed in
 * with a one-time password is sent before anything else, and where anyone changes theirs. A plain form (no script):
 * the pages chain checks its CSRF token; the rules are {@link AccountAdministration#changeOwnPassword}'s.
 */
@Controller
class OwnPasswordPage {

    private final AccountAdministration administration;
    private final CurrentUser currentUser;
    private final HttpCommands http;
    private final ProblemMessages messages;

    OwnPasswordPage(AccountAdministration administration, CurrentUser currentUser, HttpCommands http,
                    ProblemMessages messages) {
        this.administration = administration;
        this.currentUser = currentUser;
        this.http = http;
        this.messages = messages;
    }

    @GetMapping(path = "/password", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> form(CsrfToken csrf) {
        String message = currentUser.get().mustChangePassword()
                ? "<p class=\"message\">您使用一次性密码登录，请先设置自己的密码 · You signed in with a one-time "
                        + "password: choose your own first</p>"
                : "";
        return html(render(csrf, currentUser.get().name(), message));
    }

    @PostMapping(path = "/password", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> change(CsrfToken csrf, @RequestParam String currentPassword,
                                  @RequestParam String newPassword, @RequestParam String newPasswordAgain,
                                  HttpServletRequest request) {
        String name = currentUser.get().name();
        if (!newPassword.equals(newPasswordAgain)) {
            return html(render(csrf, name, error("两次输入的新密码不一致", "The new passwords differ")));
        }
        try {
            administration.changeOwnPassword(http.envelope(request, "", null), currentPassword, newPassword);
        } catch (CommandRefusal refused) {
            String field = refused.field() == null ? "" : refused.field() + ": ";
            return html(render(csrf, name, error(field + messages.text(refused.phrase(), Locale.SIMPLIFIED_CHINESE),
                    field + refused.phrase().english())));
        }
        return ResponseEntity.status(303).location(URI.create("/")).build();
    }

    private static String error(String chinese, String english) {
        return "<p class=\"message error\" role=\"alert\">" + HtmlUtils.htmlEscape(chinese) + " · "
                + HtmlUtils.htmlEscape(english) + "</p>";
    }

    private static ResponseEntity<String> html(String body) {
        return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .body(body);
    }

    private static String render(CsrfToken csrf, String name, String message) {
        return FormPages.page("修改密码 · Change password", """
                <form method="post" action="/password">
                <h1>修改密码</h1>
                <div class="subtitle">Change password · %s</div>
                %s
                <input type="text" name="username" value="%s" autocomplete="username" hidden>
                <label for="currentPassword">当前密码 · Current password</label>
                <input type="password" id="currentPassword" name="currentPassword" autocomplete="current-password"
                 required autofocus>
                <label for="newPassword">新密码（至少 %d 个字符，不含用户名）· New password (at least %d characters, \
                without the user name)</label>
                <input type="password" id="newPassword" name="newPassword" autocomplete="new-password" required>
                <label for="newPasswordAgain">再次输入新密码 · New password again</label>
                <input type="password" id="newPasswordAgain" name="newPasswordAgain" autocomplete="new-password"
                 required>
                <input type="hidden" name="%s" value="%s">
                <button type="submit">保存 · Save</button>
                <p class="back"><a href="/">返回 · Back</a></p>
                </form>
                """.formatted(HtmlUtils.htmlEscape(name), message, HtmlUtils.htmlEscape(name),
                Passwords.MIN_LENGTH, Passwords.MIN_LENGTH, csrf.getParameterName(), csrf.getToken()));
    }
}
