package cn.pipelinetracker.platform.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;

/**
 * {@code pipeline.security.users[i].name / .password / .role / .region-code}: the users of HTTP Basic. Passwords are
 * {@code {bcrypt}…} or {@code {noop}…} (Spring Security's delegating encoder).
 */
@ConfigurationProperties("pipeline.security")
public record SecurityProperties(List<User> users) {

    public record User(String name, String password, Role role, String regionCode) {
    }

    public SecurityProperties {
        users = users == null ? List.of() : List.copyOf(users);
    }
}
