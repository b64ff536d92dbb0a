package cn.pipelinetracker.platform;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import java.time.Clock;

@AutoConfiguration
@EnableConfigurationProperties(PipelineProperties.class)
public class PlatformAutoConfiguration {

    /** The clock of the bureau's calendar: "today" for default and future-date checks is a date in this zone. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock(PipelineProperties properties) {
        return Clock.system(properties.zone());
    }
}
