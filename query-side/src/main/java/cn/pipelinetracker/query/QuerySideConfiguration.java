package cn.pipelinetracker.query;

import cn.pipelinetracker.platform.database.SchemaMigration;
import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
class QuerySideConfiguration {

    @Bean
    SchemaMigration querySideSchema() {
        return new SchemaMigration("query-side", 20);
    }

    /**
     * Every projection runs in a pooled streaming processor: its token and its rows are written in one transaction
     * (exactly-once), batches of up to 500 events, and segments that several query-side processes share. Unclaimed
     * segments are looked for every second (Axon's default is five), so that a starting process begins working,
     * and a surviving one takes over a dead one's segments, without a noticeable pause.
     */
    @Bean
    ConfigurerModule pooledProcessors() {
        return configurer -> configurer.eventProcessing().usingPooledStreamingEventProcessors(
                (configuration, builder) -> builder.batchSize(500).initialSegmentCount(4).tokenClaimInterval(1000));
    }
}
