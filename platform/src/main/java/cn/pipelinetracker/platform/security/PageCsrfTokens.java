package cn.pipelinetracker.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestHandler;
import org.springframework.security.web.csrf.DefaultCsrfToken;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;

import java.util.function.Supplier;

/**
 * Spring Security's default handling of the CSRF token (the masked token of the page's {@code <meta name="_csrf">},
 * sent in {@code X-CSRF-TOKEN}) that also takes it from {@code X-XSRF-TOKEN}, the other header the contract names.
 */
final class PageCsrfTokens implements CsrfTokenRequestHandler {

    static final String XSRF_HEADER = "X-XSRF-TOKEN";

    private final XorCsrfTokenRequestAttributeHandler standard = new XorCsrfTokenRequestAttributeHandler();

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, Supplier<CsrfToken> csrfToken) {
        standard.handle(request, response, csrfToken);
    }

    @Override
    public String resolveCsrfTokenValue(HttpServletRequest request, CsrfToken csrfToken) {
        String value = standard.resolveCsrfTokenValue(request, csrfToken);
        if (value == null && request.getHeader(XSRF_HEADER) != null) {
            value = standard.resolveCsrfTokenValue(request,
                    new DefaultCsrfToken(XSRF_HEADER, csrfToken.getParameterName(), csrfToken.getToken()));
        }
        return value;
    }
}
