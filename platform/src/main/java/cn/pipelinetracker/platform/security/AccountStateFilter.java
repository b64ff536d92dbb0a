package cn.pipelinetracker.platform.security;

import cn.pipelinetracker.platform.i18n.Phrase;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;

/**
 * Holds a signed-in user to its account as it is now, on every request: a page session keeps its sign-in for hours,
 * and an administrator's change must count at once. A user disabled (or deleted, or the generated {@code admin}
 * retired) meanwhile loses its session and is treated as not signed in (401; a page goes back to the sign-in form);
 * a changed role or region applies from this request on. A user still holding a one-time password may do nothing
 * but change it: the API answers 403 {@code password-change-required} but to {@link #OWN_PASSWORD}, a page goes to
 * {@link #PASSWORD_PAGE}.
 */
final class AccountStateFilter extends OncePerRequestFilter {

    static final String OWN_PASSWORD = "/api/v1/me/password";
    static final String PASSWORD_PAGE = "/password";
    private static final Set<String> PAGES_WHILE_CHANGING = Set.of(PASSWORD_PAGE, "/logout", "/login");

    private final Users users;
    private final Refusals refusals;

    AccountStateFilter(Users users, Refusals refusals) {
        this.users = users;
        this.refusals = refusals;
    }

    /** The pages' static files need no account: no lookup for each of them. */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path.startsWith("/assets/") || path.startsWith("/webjars/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        SecurityContext context = SecurityContextHolder.getContext();
        Authentication authentication = context.getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof PipelineUser signedIn)
                || signedIn.source() == PipelineUser.Source.CONFIGURATION
                || signedIn.source() == PipelineUser.Source.TOKEN) {
            chain.doFilter(request, response);
            return;
        }
        Optional<PipelineUser> now = users.find(signedIn.name()).filter(PipelineUser::enabled);
        if (now.isEmpty()) {
            SecurityContextHolder.clearContext();
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            chain.doFilter(request, response);
            return;
        }
        PipelineUser user = now.get();
        if (!sameAccess(user, signedIn)) {
            SecurityContext fresh = SecurityContextHolder.createEmptyContext();
            fresh.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null,
                    user.getAuthorities()));
            SecurityContextHolder.setContext(fresh);
        }
        if (user.mustChangePassword() && !mayWhileChanging(request)) {
            if (request.getRequestURI().startsWith("/api/")) {
                refusals.deny(request, response, "password-change", HttpStatus.FORBIDDEN,
                        "password-change-required", "Password change required", Phrase.of(
                                "problem.password-change-required", "You signed in with a one-time password: "
                                        + "choose your own first (POST " + OWN_PASSWORD + ")", OWN_PASSWORD));
            } else {
                response.sendRedirect(PASSWORD_PAGE);
            }
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean sameAccess(PipelineUser a, PipelineUser b) {
        return a.role() == b.role() && a.regionCode().equals(b.regionCode())
                && a.mustChangePassword() == b.mustChangePassword();
    }

    private static boolean mayWhileChanging(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path.equals(OWN_PASSWORD) || PAGES_WHILE_CHANGING.contains(path);
    }
}
