package cn.pipelinetracker.deploy;

import cn.pipelinetracker.deploy.backup.ScheduledBackupConfiguration;
import cn.pipelinetracker.deploy.console.ConsoleCommands;
import cn.pipelinetracker.command.CommandSideApplication;
import cn.pipelinetracker.query.QuerySideApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

import java.util.Map;

/**
 * The whole system in one process: command side and query side, on an embedded PostgreSQL under
 * {@code --pipeline.data-dir} unless {@code --spring.datasource.url} names a server.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({CommandSideApplication.class, QuerySideApplication.class, ScheduledBackupConfiguration.class})
public class PipelineTrackerApplication {

    public static void main(String[] args) {
        if (ConsoleCommands.handles(args)) {
            System.exit(ConsoleCommands.run(args, System.out, System.err));
        }
        SpringApplication application = new SpringApplication(PipelineTrackerApplication.class);
        application.setDefaultProperties(Map.of("pipeline.embedded-database", "true"));
        application.run(args);
    }
}
