package cn.pipelinetracker.platform.database;

import cn.pipelinetracker.platform.PipelineProperties;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.io.IOException;

/**
 * With {@code pipeline.embedded-database=true} and no {@code spring.datasource.url}, starts a real PostgreSQL from
 * the zonky binaries, its data kept under {@code pipeline.data-dir}/postgres ({@link EmbeddedDatabase}), and stops
 * it on shutdown. An acknowledged command must survive a power cut: the start-up log shows {@code fsync} and
 * {@code synchronous_commit} on.
 */
@AutoConfiguration(before = DataSourceAutoConfiguration.class)
@EnableConfigurationProperties(PipelineProperties.class)
@ConditionalOnProperty(name = "pipeline.embedded-database", havingValue = "true")
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
public class EmbeddedPostgresAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresAutoConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedDatabase embeddedDatabase(PipelineProperties properties) throws IOException {
        return EmbeddedDatabase.start(properties.dataDir());
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(EmbeddedDatabase postgres) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.jdbcUrl());
        config.setUsername(EmbeddedDatabase.USER);
        config.setPassword(postgres.password());
        config.setPoolName("embedded-postgres");
        config.setMaximumPoolSize(20);
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        HikariDataSource dataSource = new HikariDataSource(config);
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        log.info("Embedded PostgreSQL {} ready on port {}: fsync={}, synchronous_commit={}, full_page_writes={}, "
                        + "password required",
                jdbc.queryForObject("SHOW server_version", String.class), postgres.port(),
                jdbc.queryForObject("SHOW fsync", String.class),
                jdbc.queryForObject("SHOW synchronous_commit", String.class),
                jdbc.queryForObject("SHOW full_page_writes", String.class));
        return dataSource;
    }
}
