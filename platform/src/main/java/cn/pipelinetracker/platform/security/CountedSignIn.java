package cn.pipelinetracker.platform.security;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Tells the {@link SignInThrottle} how each sign-in ended: a wrong password (or unknown name) counts against the name
 * and the client address, a refused bearer token against the address; a success clears the name's failures. Failures
 * of the system itself (an identity provider out of reach) count against nobody. The refusal of an attempt while it
 * must wait is {@link ThrottledSignInFilter}'s.
 */
final class CountedSignIn implements AuthenticationManager {

    private final AuthenticationManager delegate;
    private final SignInThrottle throttle;

    CountedSignIn(AuthenticationManager delegate, SignInThrottle throttle) {
        this.delegate = delegate;
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        String name = attempt instanceof UsernamePasswordAuthenticationToken ? attempt.getName() : null;
        try {
            Authentication signedIn = delegate.authenticate(attempt);
            throttle.succeeded(name);
            return signedIn;
        } catch (BadCredentialsException | OAuth2AuthenticationException refused) {
            throttle.failed(name, attempt.getDetails() instanceof WebAuthenticationDetails details
                    ? details.getRemoteAddress() : null);
            throw refused;
        }
    }
}
