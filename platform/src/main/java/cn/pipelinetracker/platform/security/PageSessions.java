package cn.pipelinetracker.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.DeferredSecurityContext;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.context.HttpRequestResponseHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.util.matcher.RequestMatcher;

import java.util.Set;

/**
 * Lets the pages' own requests to the JSON API ride on the session their user signed in with (the form login of the
 * pages chain). A request without an {@code Authorization} header finds the signed-in user of an existing session;
 * one with it is the script's own (Basic or bearer) and ignores the session. A request that is not a read and
 * rides on a session needs the session's CSRF token ({@link #SESSION_WRITES}), so a cross-site form or script can
 * never make a command with a browser's cookie. Never creates a session, never writes one.
 */
public final class PageSessions implements SecurityContextRepository {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    /** The requests that must carry the session's CSRF token: writes authenticated by a signed-in session. */
    static final RequestMatcher SESSION_WRITES = request ->
            !READS.contains(request.getMethod()) && authenticatedBySession(request);

    private final HttpSessionSecurityContextRepository sessions = new HttpSessionSecurityContextRepository();

    PageSessions() {
        sessions.setAllowSessionCreation(false);
    }

    /**
     * True when the request's user comes from a signed-in page session rather than from credentials of its own: no
     * {@code Authorization} header, and an existing session that holds a sign-in. Commands so sent are the pages'.
     */
    public static boolean authenticatedBySession(HttpServletRequest request) {
        if (request.getHeader(HttpHeaders.AUTHORIZATION) != null) {
            return false;
        }
        HttpSession session = request.getSession(false);
        return session != null && session.getAttribute(
                HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY) instanceof SecurityContext context
                && context.getAuthentication() != null;
    }

    @Override
    public DeferredSecurityContext loadDeferredContext(HttpServletRequest request) {
        if (request.getHeader(HttpHeaders.AUTHORIZATION) == null) {
            return sessions.loadDeferredContext(request);
        }
        return new DeferredSecurityContext() {
            @Override
            public SecurityContext get() {
                return SecurityContextHolder.createEmptyContext();
            }

            @Override
            public boolean isGenerated() {
                return true;
            }
        };
    }

    @Override
    @SuppressWarnings("deprecation")
    public SecurityContext loadContext(HttpRequestResponseHolder holder) {
        return holder.getRequest().getHeader(HttpHeaders.AUTHORIZATION) == null ? sessions.loadContext(holder)
                : new SecurityContextImpl();
    }

    @Override
    public void saveContext(SecurityContext context, HttpServletRequest request, HttpServletResponse response) {
        // the API never stores a login: the page's form login does
    }

    @Override
    public boolean containsContext(HttpServletRequest request) {
        return request.getHeader(HttpHeaders.AUTHORIZATION) == null && sessions.containsContext(request);
    }
}
