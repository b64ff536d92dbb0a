package cn.pipelinetracker.platform.security;

import org.springframework.http.MediaType;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The sign-in form of the HTML pages, in Chinese and English at once (the first page a bureau's leader sees). Spring
 * Security handles the POST; this only draws the form with its CSRF token, and says why it is shown again.
 */
@Controller
class LoginPage {

    @GetMapping(path = "/login", produces = MediaType.TEXT_HTML_VALUE)
    @ResponseBody
    String form(CsrfToken csrf, @RequestParam(required = false) String error,
                @RequestParam(required = false) String logout) {
        String message = error != null ? "<p class=\"message error\">用户名或密码错误 · Wrong user name or password</p>"
                : logout != null ? "<p class=\"message\">已退出 · Signed out</p>" : "";
        return """
                <!DOCTYPE html>
                <html lang="zh-CN">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>登录 · Sign in — 招商引资项目监测平台</title>
                <link rel="icon" href="data:,">
                <style>
                body { margin: 0; min-height: 100vh; display: grid; place-items: center; color: #1d2433;
                       font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", Arial, sans-serif;
                       background: linear-gradient(160deg, #0b2a5b, #16407f 60%%, #eef2f7 60%%); }
                form { background: #fff; width: 360px; padding: 32px 36px; border-radius: 10px;
                       border-top: 5px solid #c8161d; box-shadow: 0 12px 40px rgba(11, 42, 91, .3); }
                h1 { margin: 0; font-size: 22px; color: #0b2a5b; letter-spacing: 1px; }
                .subtitle { color: #5b6577; font-size: 13px; margin: 4px 0 22px; }
                label { display: block; font-size: 14px; color: #5b6577; margin: 14px 0 6px; }
                input { width: 100%%; box-sizing: border-box; font: inherit; padding: 9px 10px; border: 1px solid #c4ccd8;
                        border-radius: 4px; }
                button { margin-top: 22px; width: 100%%; padding: 10px; font: inherit; font-size: 16px; color: #fff;
                         background: #c8161d; border: 0; border-radius: 4px; cursor: pointer; }
                .message { background: #eef2f7; padding: 8px 10px; border-radius: 4px; font-size: 14px; }
                .error { background: #fdecea; color: #8a1c14; }
                </style>
                </head>
                <body>
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
                </body>
                </html>
                """.formatted(message, csrf.getParameterName(), csrf.getToken());
    }
}
