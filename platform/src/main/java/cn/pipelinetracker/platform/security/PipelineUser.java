package cn.pipelinetracker.platform.security;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

import java.util.Collection;
import java.util.List;

/**
 * A user of the system: a name (the actor of every event it causes), a role and the root of its region subtree; where
 * it comes from; whether it may sign in; and whether it signed in with a one-time password it must change first.
 */
public record PipelineUser(String name, String passwordHash, Role role, String regionCode, Source source,
                           boolean enabled, boolean mustChangePassword) implements UserDetails {

    /** Where a user is kept. */
    public enum Source {
        /** {@code pipeline.security.users[i]}: changed only by editing the configuration. */
        CONFIGURATION,
        /** The {@code admin} the first start creates when no user is configured (see {@link Users}). */
        GENERATED,
        /** An account kept by the application (table {@code account}, its history in the log). */
        DATABASE,
        /** A bearer token's claims: kept by the identity provider. */
        TOKEN
    }

    /** A user that is always enabled and has no password to change. */
    public PipelineUser(String name, String passwordHash, Role role, String regionCode, Source source) {
        this(name, passwordHash, role, regionCode, source, true, false);
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority("ROLE_" + role.name()));
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return name;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public String toString() {
        return "PipelineUser[" + name + ", " + role + ", " + regionCode + ", " + source + "]";
    }
}
