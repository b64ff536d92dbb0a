package cn.pipelinetracker.query.dashboard;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.util.HtmlUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A signed-in page's HTML: one of the static files under {@code static/}, with the session's CSRF token in
 * {@code <meta name="_csrf">} (and its header's name in {@code <meta name="_csrf_header">}), the first of Spring
 * Security's two standard ways a page learns it. Never cached: the token belongs to one session.
 */
public final class PageHtml {

    private static final String HEAD = "<head>";

    private final String html;

    public PageHtml(String staticPath) {
        try {
            html = new ClassPathResource("static/" + staticPath).getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!html.contains(HEAD)) {
            throw new IllegalStateException(staticPath + " has no " + HEAD);
        }
    }

    public ResponseEntity<String> render(CsrfToken csrf) {
        String meta = "\n    <meta name=\"_csrf\" content=\"" + HtmlUtils.htmlEscape(csrf.getToken()) + "\">"
                + "\n    <meta name=\"_csrf_header\" content=\"" + HtmlUtils.htmlEscape(csrf.getHeaderName()) + "\">";
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noStore())
                .body(html.replaceFirst(HEAD, HEAD + meta));
    }
}
