package cn.pipelinetracker.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.core.context.DeferredSecurityContext;
import org.springframework.security.web.context.HttpRequestResponseHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;

import java.util.Set;

/**
 * Lets the dashboard's own requests to the JSON API ride on the session its user signed in with on the page — for
 * reading only. A GET or HEAD finds the signed-in user of an existing session; any other method ignores the session,
 * so a cross-site form or script can never make a command with a browser's cookie (no CSRF token needed on the API),
 * and commands keep needing Basic or a bearer token. Never creates a session, never writes one.
 */
final class DashboardSessionReads implements SecurityContextRepository {

    private static final Set<String> READS = Set.of("GET", "HEAD");

    private final HttpSessionSecurityContextRepository sessions = new HttpSessionSecurityContextRepository();

    DashboardSessionReads() {
        sessions.setAllowSessionCreation(false);
    }

    @Override
    public DeferredSecurityContext loadDeferredContext(HttpServletRequest request) {
        if (READS.contains(request.getMethod())) {
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
        return READS.contains(holder.getRequest().getMethod()) ? sessions.loadContext(holder) : new SecurityContextImpl();
    }

    @Override
    public void saveContext(SecurityContext context, HttpServletRequest request, HttpServletResponse response) {
        // the API never stores a login: the page's form login does
    }

    @Override
    public boolean containsContext(HttpServletRequest request) {
        return READS.contains(request.getMethod()) && sessions.containsContext(request);
    }
}
