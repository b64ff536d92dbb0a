package cn.pipelinetracker.platform.database;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;

import javax.sql.DataSource;

@AutoConfiguration(after = DataSourceAutoConfiguration.class)
public class DatabaseAutoConfiguration {

    @Bean
    SchemaMigration eventStoreSchema() {
        return new SchemaMigration("event-store", 0);
    }

    @Bean
    SchemaMigrator schemaMigrator(DataSource dataSource, ObjectProvider<SchemaMigration> migrations) {
        return new SchemaMigrator(dataSource, migrations.orderedStream().toList());
    }
}
