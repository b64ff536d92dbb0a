package cn.pipelinetracker.deploy;

import cn.pipelinetracker.platform.security.SecurityProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** A configured user without a region is a start-up error, not a user of the whole province. */
class UserRegionRequiredTest {

    @Configuration
    @EnableConfigurationProperties(SecurityProperties.class)
    static class Users {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(Users.class)
            .withPropertyValues(
                    "pipeline.security.users[0].name=zq-clerk", "pipeline.security.users[0].password={noop}a",
                    "pipeline.security.users[0].role=CLERK", "pipeline.security.users[0].region-code=441200",
                    "pipeline.security.users[1].name=wang", "pipeline.security.users[1].password={noop}b",
                    "pipeline.security.users[1].role=LEADER");

    @Test
    void aUserWithoutRegionCodeStopsTheStart() {
        context.run(started -> {
            assertThat(started).hasFailed();
            Throwable cause = started.getStartupFailure();
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            assertThat(cause).hasMessageContaining("pipeline.security.users[1].region-code is required")
                    .hasMessageContaining("wang");
        });
    }

    @Test
    void withARegionCodeEveryUserStarts() {
        context.withPropertyValues("pipeline.security.users[1].region-code=440600").run(started -> {
            assertThat(started).hasNotFailed();
            assertThat(started.getBean(SecurityProperties.class).users())
                    .extracting(SecurityProperties.User::regionCode).containsExactly("441200", "440600");
        });
    }
}
