package cn.pipelinetracker.platform.security;

import cn.pipelinetracker.platform.reference.RegionTree;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

import java.util.Arrays;

/**
 * Turns a verified bearer token of the bureau's identity provider into a {@link PipelineUser}: name, role and region
 * come from the configured claims. A token without a known role or region is refused (401) rather than guessed at.
 */
class JwtUsers implements Converter<Jwt, AbstractAuthenticationToken> {

    /** An authenticated token whose principal is the user. */
    static final class Authentication extends AbstractAuthenticationToken {

        private final PipelineUser user;
        private final Jwt jwt;

        Authentication(PipelineUser user, Jwt jwt) {
            super(user.getAuthorities());
            this.user = user;
            this.jwt = jwt;
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return jwt;
        }

        @Override
        public Object getPrincipal() {
            return user;
        }

        @Override
        public String getName() {
            return user.name();
        }
    }

    private final SecurityProperties.Jwt claims;
    private final RegionTree regions;

    JwtUsers(SecurityProperties.Jwt claims, RegionTree regions) {
        this.claims = claims;
        this.regions = regions;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        String name = jwt.getClaimAsString(claims.nameClaim());
        String roleName = jwt.getClaimAsString(claims.roleClaim());
        String region = jwt.getClaimAsString(claims.regionClaim());
        if (name == null || name.isBlank()) {
            throw new InvalidBearerTokenException("the token has no '" + claims.nameClaim() + "' claim");
        }
        Role role = Arrays.stream(Role.values()).filter(r -> r.name().equalsIgnoreCase(String.valueOf(roleName)))
                .findFirst().orElseThrow(() -> new InvalidBearerTokenException("the token's '" + claims.roleClaim()
                        + "' claim is not one of " + Arrays.toString(Role.values())));
        if (!regions.contains(region)) {
            throw new InvalidBearerTokenException("the token's '" + claims.regionClaim()
                    + "' claim is not a known region code");
        }
        return new Authentication(new PipelineUser(name, null, role, region, PipelineUser.Source.TOKEN), jwt);
    }
}
