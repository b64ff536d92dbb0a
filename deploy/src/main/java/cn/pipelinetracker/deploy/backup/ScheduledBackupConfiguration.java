package cn.pipelinetracker.deploy.backup;

import cn.pipelinetracker.platform.PipelineProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Scheduled backups are on by default where a bureau runs the system alone — the embedded database — into
 * {@code DATA_DIR/backups}, every night at 02:30 ({@code pipeline.zone}), the newest 7 kept; with a database server
 * only when {@code pipeline.backup.folder} names a folder. {@code pipeline.backup.schedule=-} turns them off.
 */
@Configuration(proxyBeanMethods = false)
@Import(BackupController.class)
public class ScheduledBackupConfiguration {

    @Bean
    @ConditionalOnExpression("!'${pipeline.backup.schedule:0 30 2 * * *}'.equals('-') "
            + "and (!'${pipeline.backup.folder:}'.isEmpty() "
            + "or ('${spring.datasource.url:}'.isEmpty() and '${pipeline.embedded-database:false}'.equals('true')))")
    ScheduledBackups scheduledBackups(DataSource dataSource, PipelineProperties pipeline, Clock clock,
                                      MeterRegistry meters,
                                      @Value("${pipeline.backup.folder:}") String folder,
                                      @Value("${pipeline.backup.schedule:0 30 2 * * *}") String schedule,
                                      @Value("${pipeline.backup.keep:7}") int keep) {
        Path into = folder.isBlank() ? pipeline.dataDir().resolve("backups") : Path.of(folder);
        return new ScheduledBackups(dataSource, into.toAbsolutePath(), schedule, keep, pipeline.zone(), clock, meters);
    }
}
