package cn.pipelinetracker.platform.database;

import cn.pipelinetracker.platform.audit.EventChain;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.DependsOn;

import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.time.Duration;

@AutoConfiguration(after = DataSourceAutoConfiguration.class)
public class DatabaseAutoConfiguration {

    @Bean
    SchemaMigration eventStoreSchema() {
        return new SchemaMigration("event-store", 0);
    }

    @Bean
    @DependsOn("schemaMigrator")
    EventChain eventChain(JdbcClient jdbc, DataSource dataSource, @Value("${pipeline.audit.key:}") String key) {
        EventChain chain = new EventChain(jdbc, key);
        // events sealed before scheme 2 existed get their scheme-2 hash now (docs/decisions/0021)
        chain.backfill(dataSource);
        return chain;
    }

    @Bean
    SchemaMigrator schemaMigrator(DataSource dataSource, ObjectProvider<SchemaMigration> migrations,
                                  @Value("${pipeline.database-wait:PT60S}") Duration wait) {
        return new SchemaMigrator(dataSource, migrations.orderedStream().toList(), wait);
    }
}
