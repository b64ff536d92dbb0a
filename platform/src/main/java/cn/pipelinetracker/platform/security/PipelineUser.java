package cn.pipelinetracker.platform.security;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

import java.util.Collection;
import java.util.List;

/** A user of the system: a name (the actor of every event it causes), a role and the root of its region subtree. */
public record PipelineUser(String name, String passwordHash, Role role, String regionCode) implements UserDetails {

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
    public String toString() {
        return "PipelineUser[" + name + ", " + role + ", " + regionCode + "]";
    }
}
