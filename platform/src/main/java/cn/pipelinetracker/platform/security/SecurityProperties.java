package cn.pipelinetracker.platform.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;

/**
 * {@code pipeline.security.users[i].name / .password / .role / .region-code}: the users of HTTP Basic. Passwords are
 * {@code {bcrypt}…} or {@code {noop}…} (Spring Security's delegating encoder).
 */
@ConfigurationProperties("pipeline.security")
public record SecurityProperties(List<User> users, Jwt jwt) {

    public record User(String name, String password, Role role, String regionCode) {
    }

    /**
     * Which claims of a bearer token name the user, its role and its region (the issuer itself is
     * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri}, or {@code .jwk-set-uri}).
     */
    public record Jwt(String nameClaim, String roleClaim, String regionClaim) {

        public Jwt {
            nameClaim = nameClaim == null ? "sub" : nameClaim;
            roleClaim = roleClaim == null ? "role" : roleClaim;
            regionClaim = regionClaim == null ? "region" : regionClaim;
        }
    }

    public SecurityProperties {
        users = users == null ? List.of() : List.copyOf(users);
        jwt = jwt == null ? new Jwt(null, null, null) : jwt;
    }
}
