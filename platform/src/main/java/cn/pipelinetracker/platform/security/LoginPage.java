package cn.pipelinetracker.platform.security;

import org.springframework.http.MediaType;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The sign-in form of the HTML pages, in Chinese and English at once (the first page a bureau's leader sees). Spring
 * Security handles the POST; this only draws the form with its CSRF token, and says why it is shown again (in the
 * page of {@link FormPages}).
 */
@Controller
class LoginPage {

    @GetMapping(path = "/login", produces = MediaType.TEXT_HTML_VALUE)
    @ResponseBody
    String form(CsrfToken csrf, @RequestParam(required = false) String error,
                @RequestParam(required = false) String logout) {
        String message = error != null ? "<p class=\"message error\">用户名或密码错误 · Wrong user name or password</p>"
                : logout != null ? "<p class=\"message\">已退出 · Signed out</p>" : "";
        return render(csrf, message);
    }

    /** The message of a form refused while its user name or address must wait ({@link ThrottledSignInFilter}). */
    static String waitMessage(long seconds) {
        return ("<p class=\"message error\" role=\"alert\">登录失败次数过多，请 %d 秒后再试 · "
                + "Too many failed sign-ins: try again in %d s</p>").formatted(seconds, seconds);
    }

    static String render(CsrfToken csrf, String message) {
        return FormPages.page("登录 · Sign in", """
                <form method="post" action="/login">
                <h1>招商引资项目监测平台</h1>
                <div class="subtitle">Investment Project Monitor</div>
                %s
                <label for="username">用户名 · User name</label>
                <input type="text" id="username" name="username" autocomplete="username" required autofocus>
                <label for="password">密码 · Password</label>
                <input type="password" id="password" name="password" autocomplete="current-password" required>
                <input type="hidden" name="%s" value="%s">
                <button type="submit">登录 · Sign in</button>
                </form>
                """.formatted(message, csrf.getParameterName(), csrf.getToken()));
    }
}
