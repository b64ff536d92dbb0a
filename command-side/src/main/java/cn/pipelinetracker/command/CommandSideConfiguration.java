package cn.pipelinetracker.command;

import cn.pipelinetracker.platform.database.SchemaMigration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CommandSideConfiguration {

    @Bean
    SchemaMigration commandSideSchema() {
        return new SchemaMigration("command-side", 10);
    }
}
