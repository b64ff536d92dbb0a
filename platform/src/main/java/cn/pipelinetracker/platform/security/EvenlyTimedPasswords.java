package cn.pipelinetracker.platform.security;

import org.springframework.security.authentication.AccountStatusUserDetailsChecker;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Password sign-in whose refusal takes as long for a known name as for an unknown one. Spring's provider already
 * checks an unknown name's password against a hash made by the encoder (bcrypt of its default cost), but a known name
 * with a {@code {noop}} password is refused without any hashing: 1.7 ms against 75 ms, which tells the names apart.
 * Here a wrong password of a user whose stored password is not bcrypt is also checked against such a hash. (A stored
 * bcrypt hash of another cost than the default still differs; configured hashes should use cost 10.)
 */
final class EvenlyTimedPasswords extends DaoAuthenticationProvider {

    private static final String BCRYPT = "{bcrypt}";

    private final String dummyHash;

    EvenlyTimedPasswords(UserDetailsService users, PasswordEncoder encoder) {
        super(users);
        setPasswordEncoder(encoder);
        // a disabled account is told so only after its right password: before it, no name is told apart
        setPreAuthenticationChecks(user -> { });
        setPostAuthenticationChecks(new AccountStatusUserDetailsChecker());
        dummyHash = encoder.encode("a password nobody has");
    }

    @Override
    protected void additionalAuthenticationChecks(UserDetails user, UsernamePasswordAuthenticationToken attempt) {
        try {
            super.additionalAuthenticationChecks(user, attempt);
        } catch (BadCredentialsException wrong) {
            if (user.getPassword() == null || !user.getPassword().startsWith(BCRYPT)) {
                getPasswordEncoder().matches(String.valueOf(attempt.getCredentials()), dummyHash);
            }
            throw wrong;
        }
    }
}
