package cn.pipelinetracker.platform.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * {@code pipeline.security.users[i].name / .password / .role / .region-code}: the users of HTTP Basic, each key
 * required. Passwords are {@code {bcrypt}…} or {@code {noop}…} (Spring Security's delegating encoder).
 * {@code pipeline.security.jwt.*}: bearer tokens. {@code pipeline.security.sign-in.*}: the back-off after failed
 * sign-ins.
 */
@ConfigurationProperties("pipeline.security")
public record SecurityProperties(List<User> users, Jwt jwt, @DefaultValue SignIn signIn) {

    public record User(String name, String password, Role role, String regionCode) {
    }

    /**
     * Which claims of a bearer token name the user, its role and its region (the issuer itself is
     * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri}, or {@code .jwk-set-uri}), and the audience a token
     * must name in {@code aud} (none: any audience is accepted, and the start-up log warns).
     */
    public record Jwt(String nameClaim, String roleClaim, String regionClaim, String audience) {

        public Jwt {
            nameClaim = nameClaim == null ? "sub" : nameClaim;
            roleClaim = roleClaim == null ? "role" : roleClaim;
            regionClaim = regionClaim == null ? "region" : regionClaim;
        }
    }

    /**
     * Failed sign-ins are free up to a number per user name and per client address; after that each further failure
     * makes that name or address wait, from {@code firstBackOff} doubling up to {@code maxBackOff}. An address gets
     * more free failures than a name: an office behind one NAT address has many users. At most
     * {@code rememberedClients} names and addresses are remembered (the least recently failed are forgotten first).
     */
    public record SignIn(@DefaultValue("5") int freeFailuresPerName, @DefaultValue("20") int freeFailuresPerAddress,
                         @DefaultValue("1s") Duration firstBackOff, @DefaultValue("15m") Duration maxBackOff,
                         @DefaultValue("10000") int rememberedClients) {
    }

    public SecurityProperties {
        users = users == null ? List.of() : List.copyOf(users);
        jwt = jwt == null ? new Jwt(null, null, null, null) : jwt;
        for (int i = 0; i < users.size(); i++) {
            User user = users.get(i);
            String key = "pipeline.security.users[" + i + "]";
            if (user.name() == null || user.name().isBlank() || user.password() == null || user.role() == null) {
                throw new IllegalStateException(key + ": each user needs name, password, role and region-code");
            }
            if (user.regionCode() == null || user.regionCode().isBlank()) {
                throw new IllegalStateException(key + ".region-code is required (user " + user.name()
                        + "): the root of the regions the user may see, e.g. 440000 for the whole province");
            }
        }
    }
}
