package cn.pipelinetracker.command;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import java.util.Map;

/** The command side alone: REST commands into the event store of the PostgreSQL given by spring.datasource.url. */
@SpringBootApplication
public class CommandSideApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(CommandSideApplication.class);
        application.setDefaultProperties(Map.of("spring.application.name", "pipeline-command-side"));
        application.run(args);
    }
}
