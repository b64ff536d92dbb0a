package cn.pipelinetracker.platform.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.web.authentication.www.BasicAuthenticationConverter;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Answers 429 to every sign-in attempt — HTTP Basic, a bearer token, the page's form — whose user name or client
 * address must wait after repeated failures ({@link SignInThrottle}), before its password or token is even looked at:
 * the right password waits too. Requests without credentials (a page session, an anonymous call) pass. The client
 * address is {@code request.getRemoteAddr()}: behind a proxy, what Tomcat makes of {@code X-Forwarded-For}
 * ({@code server.forward-headers-strategy}) decides it.
 */
final class ThrottledSignInFilter extends OncePerRequestFilter {

    private final SignInThrottle throttle;
    private final Refusals refusals;
    private final BasicAuthenticationConverter basic = new BasicAuthenticationConverter();

    ThrottledSignInFilter(SignInThrottle throttle, Refusals refusals) {
        this.throttle = throttle;
        this.refusals = refusals;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Duration> wait = attempt(request).flatMap(name -> throttle.waitFor(name.orElse(null),
                request.getRemoteAddr()));
        if (wait.isEmpty()) {
            chain.doFilter(request, response);
        } else if (isForm(request) && acceptsHtml(request)) {
            formAgain(request, response, wait.get());
        } else {
            refusals.throttledProblem(request, response, wait.get());
        }
    }

    /** The user name a request signs in with; present but empty for a bearer token; empty for no attempt at all. */
    private Optional<Optional<String>> attempt(HttpServletRequest request) {
        if (isForm(request)) {
            return Optional.of(Optional.ofNullable(request.getParameter("username")));
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null) {
            return Optional.empty();
        }
        if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(Optional.empty());
        }
        try {
            var credentials = basic.convert(request);
            return credentials == null ? Optional.empty() : Optional.of(Optional.of(credentials.getName()));
        } catch (RuntimeException malformed) {
            return Optional.empty(); // BasicAuthenticationFilter refuses it
        }
    }

    private static boolean isForm(HttpServletRequest request) {
        return "POST".equals(request.getMethod()) && "/login".equals(request.getServletPath());
    }

    private static boolean acceptsHtml(HttpServletRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return accept != null && accept.contains(MediaType.TEXT_HTML_VALUE);
    }

    /** A browser posting the form gets the form again, saying how long to wait (still a 429). */
    private void formAgain(HttpServletRequest request, HttpServletResponse response, Duration wait) throws IOException {
        long seconds = refusals.throttled(response, wait);
        response.setContentType(MediaType.TEXT_HTML_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(LoginPage.render((CsrfToken) request.getAttribute(CsrfToken.class.getName()),
                LoginPage.waitMessage(seconds)));
    }
}
