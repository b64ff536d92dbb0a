package cn.pipelinetracker.platform.security;

/**
 * The small server-drawn pages of signing in (the sign-in form, one's own password): one form in the sign-in look,
 * Chinese and English at once. Their style is {@code /assets/login.css}: the pages' Content-Security-Policy allows no
 * inline style.
 */
public final class FormPages {

    private FormPages() {
    }

    /** The page around {@code form} (its markup, HTML-safe already), titled {@code title} (HTML-safe too). */
    public static String page(String title, String form) {
        return """
                <!DOCTYPE html>
                <html lang="zh-CN">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s — 招商引资项目监测平台</title>
                <link rel="icon" href="data:,">
                <link rel="stylesheet" href="/assets/login.css">
                </head>
                <body>
                %s</body>
                </html>
                """.formatted(title, form);
    }
}
